package dev.eoc.examples.report;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.ConvergenceRate;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.ResidualMeanField;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;

/**
 * How fast the correlation of two inputs goes to 1 on the Edge of Chaos, layer by layer, next to
 * its asymptotic law (Hayou, Doucet &amp; Rousseau 2019): 1 - c_l ~ beta_q / l for smooth
 * activations (Prop. 3) and 9 pi^2 / (2 l^2) for ReLU (Prop. 2; leaky ReLU with its own constant).
 * Shared by {@code eoc convergence} and the theory chart of {@code eoc reproduce}.
 *
 * <p>{@link #residual} follows the same point through residual blocks y + A (W phi(y) + b) (Hayou,
 * Doucet &amp; Rousseau 2019, Prop. 1: for ReLU, 1 - c_l ~ gamma 9 pi^2 / (2 l^2) with gamma = (1 +
 * 2 / (A^2 sigma_w^2))^2), so that plain and residual networks can be drawn side by side.
 *
 * @param point the EOC point (the activation's recommended one)
 * @param oneMinusC 1 - c_l for l = 0..depth
 * @param theory the asymptotic law for l = 0..depth (NaN at l = 0 and where none is known)
 * @param label the series' name: the activation, or "residual ACTIVATION (A = a)"
 */
public record EocConvergence(EocPoint point, double[] oneMinusC, double[] theory, String label) {

    /** A plain network's convergence, labelled with its activation. */
    public EocConvergence(EocPoint point, double[] oneMinusC, double[] theory) {
        this(point, oneMinusC, theory, point.activation());
    }

    /**
     * Propagates c_0 through {@code depth} layers at the activation's recommended EOC point, from
     * q_0 = q* (1 where every q is a fixed point).
     *
     * @throws IllegalArgumentException when the activation has no recommended EOC point
     */
    public static EocConvergence at(ActivationFunction a, int depth, double c0) {
        EocPoint p = EdgeOfChaos.of(a).recommended();
        double q0 = Double.isNaN(p.qStar()) ? 1 : p.qStar();
        double[] c =
                MeanField.of(a, InitVariances.ofStd(p.sigmaW(), p.sigmaB()))
                        .propagate(q0, c0, depth)
                        .c();
        double[] oneMinusC = new double[depth + 1];
        double[] theory = new double[depth + 1];
        for (int l = 0; l <= depth; l++) {
            oneMinusC[l] = 1 - c[l];
            theory[l] = l == 0 ? Double.NaN : ConvergenceRate.correlationGap(a, p, l);
        }
        return new EocConvergence(p, oneMinusC, theory);
    }

    /**
     * The same recommended EOC point through {@code depth} residual blocks with branch scale A. The
     * law is Prop. 1's for ReLU at sigma_b = 0 and unknown (NaN) otherwise.
     *
     * @throws IllegalArgumentException when q_l overflows (it grows every block: for ReLU at A = 1
     *     it doubles), naming a branch scale or depth that fits
     */
    public static EocConvergence residual(
            ActivationFunction a, int depth, double c0, double branchScale) {
        EocPoint p = EdgeOfChaos.of(a).recommended();
        double q0 = Double.isNaN(p.qStar()) ? 1 : p.qStar();
        double[] c;
        try {
            c =
                    ResidualMeanField.of(
                                    a, InitVariances.ofStd(p.sigmaW(), p.sigmaB()), branchScale)
                            .propagate(q0, c0, depth)
                            .c();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(
                    "residual "
                            + a.spec()
                            + " with branch scale "
                            + branchScale
                            + ": "
                            + e.getMessage()
                            + "; e.g. --branch-scale "
                            + String.format(java.util.Locale.ROOT, "%.3g", 1 / Math.sqrt(depth)),
                    e);
        }
        boolean relu = a.equals(Activations.relu()) && p.sigmaB() == 0;
        double gamma = relu ? ResidualMeanField.reluGamma(p.sigmaW(), branchScale) : Double.NaN;
        double[] oneMinusC = new double[depth + 1];
        double[] theory = new double[depth + 1];
        for (int l = 0; l <= depth; l++) {
            oneMinusC[l] = 1 - c[l];
            theory[l] =
                    l == 0 || !relu ? Double.NaN : gamma * 9 * Math.PI * Math.PI / (2.0 * l * l);
        }
        String label =
                "residual "
                        + a.spec()
                        + " (A = "
                        + String.format(java.util.Locale.ROOT, "%.3g", branchScale)
                        + ")";
        return new EocConvergence(p, oneMinusC, theory, label);
    }

    /** Layers 1..depth as chart series: 1 - c_l solid, the law dashed (when known), one color. */
    public List<Series> series(Color color) {
        int n = oneMinusC.length - 1;
        double[] l = new double[n];
        double[] y = new double[n];
        double[] t = new double[n];
        for (int i = 0; i < n; i++) {
            l[i] = i + 1;
            y[i] = oneMinusC[i + 1];
            t[i] = theory[i + 1];
        }
        String name = label;
        List<Series> series = new ArrayList<>();
        series.add(Series.of(name, l, y, Series.Style.SOLID, color));
        if (n > 0 && Double.isFinite(t[n - 1])) {
            String law =
                    label.startsWith("residual")
                            ? "gamma 9 pi^2 / (2 l^2) (Prop. 1)"
                            : Double.isNaN(point.betaQ()) ? "C / l^2 (ReLU family)" : "beta_q / l";
            series.add(Series.of(name + " theory: " + law, l, t, Series.Style.DASHED, color));
        }
        return series;
    }
}
