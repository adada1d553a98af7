package dev.eoc.examples.diagnose;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.FiniteWidthBand;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.examples.check.FrameworkProbe;
import dev.eoc.examples.check.ProbeInputs;
import java.util.Locale;

/**
 * Measures the finite-width scatter that {@link FiniteWidthBand}'s floor must cover: for healthy
 * Edge-of-Chaos MLPs (tanh, ELU, ReLU) of several widths and depths, over seeds, the largest max_l
 * |d_l| sqrt(N) (d_l the mean deviation of the probe pairs' c_l from the theory) and how many
 * networks leave the band. Usage: {@code BandCalibration FRAMEWORK SEEDS PAIRS}; prints one row per
 * setting.
 */
public final class BandCalibration {
    private BandCalibration() {}

    public static void main(String[] args) {
        String framework = args.length > 0 ? args[0] : "djl";
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        int pairs = args.length > 2 ? Integer.parseInt(args[2]) : 4;
        FrameworkProbe probe = FrameworkProbe.forName(framework);
        System.out.println(
                "activation width depth seeds max_l|d_l|sqrt(N) (worst seed) mean over seeds"
                        + " nets_outside_band");
        for (String act : new String[] {"tanh", "elu", "relu"}) {
            EocPoint p = EdgeOfChaos.of(Activations.parse(act)).recommended();
            double q0 = Double.isNaN(p.qStar()) ? 1 : p.qStar();
            for (int width : new int[] {100, 300, 1000}) {
                for (int depth : new int[] {10, 30, 50}) {
                    double worst = 0;
                    double sum = 0;
                    int outside = 0;
                    for (int seed = 1; seed <= seeds; seed++) {
                        float[][] rows = ProbeInputs.pairs(width, q0, 0.5, pairs, 1000L * seed);
                        PropagationSnapshot s =
                                probe.propagate(
                                        act,
                                        width,
                                        depth,
                                        InitVariances.ofStd(p.sigmaW(), p.sigmaB()),
                                        seed,
                                        rows);
                        FiniteWidthBand band = FiniteWidthBand.of(s);
                        double[] d = band.deviation();
                        double max = 0;
                        for (int l = 1; l < d.length; l++) {
                            max = Math.max(max, Math.abs(d[l]));
                        }
                        worst = Math.max(worst, max * Math.sqrt(width));
                        sum += max * Math.sqrt(width);
                        if (band.layersOutside() >= 2) {
                            outside++;
                        }
                    }
                    System.out.printf(
                            Locale.ROOT,
                            "%-5s %5d %3d %3d %.3f %.3f %d%n",
                            act,
                            width,
                            depth,
                            seeds,
                            worst,
                            sum / seeds,
                            outside);
                }
            }
        }
    }
}
