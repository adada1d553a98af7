package dev.eoc.examples.cli;

import static dev.eoc.examples.cli.CommandSupport.fmt;
import static dev.eoc.examples.cli.CommandSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.ResidualMeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc propagate}: q_l and c_l through depth layers of a random network (Poole et al. 2016,
 * eqs. 3 and 5).
 */
@Command(
        name = "propagate",
        mixinStandardHelpOptions = true,
        description = {
            "Propagate q_l and c_l of two inputs through a deep random network.",
            "The variance q_l and correlation c_l evolve through a deep random network: q_{l+1} = F(q_l), c_{l+1} = f(q_l, c_l). The table shows the first layers, then powers of 2 (or every --every layers) and the last one; --json gives all."
        })
public final class PropagateCommand implements Callable<Integer> {

    /** Layers always shown at the start of the table. */
    static final int HEAD_LAYERS = 5;

    /** Depths up to which the table shows every layer. */
    static final int SHOW_ALL_UP_TO = 20;

    @Spec private CommandSpec spec;

    @Mixin private ActivationOption activation;

    @Mixin private InitOptions init;

    @Option(
            names = "--q0",
            defaultValue = "1",
            paramLabel = "Q0",
            description = "Input variance q_0 > 0 (default: ${DEFAULT-VALUE}).")
    private double q0;

    @Option(
            names = "--c0",
            defaultValue = "0.5",
            paramLabel = "C0",
            description = "Input correlation c_0 in [-1, 1] (default: ${DEFAULT-VALUE}).")
    private double c0;

    @Option(
            names = "--depth",
            defaultValue = "100",
            paramLabel = "L",
            description = "Number of layers >= 1 (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(
            names = "--every",
            paramLabel = "K",
            description = "Table: show every K-th layer instead of powers of 2.")
    private Integer every;

    @Mixin private ResidualOptions residualOptions;

    @Option(names = "--json", description = "Print JSON with the full arrays q and c.")
    private boolean json;

    @Override
    public Integer call() {
        ActivationFunction a = activation.get();
        if (every != null && every < 1) {
            throw new IllegalArgumentException("--every must be >= 1, got " + every);
        }
        residualOptions.check();
        Trajectory t =
                residualOptions.residual
                        ? ResidualMeanField.of(a, init.variances(), residualOptions.branchScale)
                                .propagate(q0, c0, depth)
                        : MeanField.of(a, init.variances()).propagate(q0, c0, depth);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = CommandSupport.object();
            n.put("activation", a.spec());
            put(n, "sigma_b", init.sigmaB);
            put(n, "sigma_w", init.sigmaW);
            put(n, "q0", q0);
            put(n, "c0", c0);
            n.put("depth", depth);
            n.put("residual", residualOptions.residual);
            if (residualOptions.residual) {
                n.put("branch_scale", residualOptions.branchScale);
            }
            n.set("q", CommandSupport.array(t.q()));
            n.set("c", CommandSupport.array(t.c()));
            CommandSupport.print(out, n);
        } else {
            printTable(out, a, t);
        }
        out.flush();
        return 0;
    }

    private void printTable(PrintWriter out, ActivationFunction a, Trajectory t) {
        double[] q = t.q();
        double[] c = t.c();
        out.printf(
                Locale.ROOT,
                "%s%s, sigma_b = %s, sigma_w = %s, q_0 = %s, c_0 = %s, %d layers%n",
                residualOptions.residual
                        ? "residual (branch scale " + fmt(residualOptions.branchScale) + ") "
                        : "",
                a.spec(),
                fmt(init.sigmaB),
                fmt(init.sigmaW),
                fmt(q0),
                fmt(c0),
                depth);
        if (residualOptions.residual && a.equals(Activations.relu()) && init.sigmaB == 0) {
            double gamma = ResidualMeanField.reluGamma(init.sigmaW, residualOptions.branchScale);
            out.printf(
                    Locale.ROOT,
                    "Prop. 1 (Hayou et al. 2019): 1 - c_l ~ gamma 9 pi^2 / (2 l^2), gamma = (1 + 2 /"
                            + " (A^2 sigma_w^2))^2 = %s: %s x the plain ReLU network's EOC rate%n",
                    fmt(gamma),
                    fmt(gamma));
        }
        out.printf(Locale.ROOT, "%6s  %-18s %-18s %s%n", "layer", "q_l", "c_l", "1 - c_l");
        for (int l : shownLayers(depth, every)) {
            out.printf(
                    Locale.ROOT,
                    "%6d  %-18s %-18s %s%n",
                    l,
                    fmt(q[l]),
                    fmt(c[l]),
                    String.format(Locale.ROOT, "%.6e", 1 - c[l]));
        }
    }

    /**
     * Layers shown in the table: all up to {@value #SHOW_ALL_UP_TO} layers; otherwise the first
     * {@value #HEAD_LAYERS}, then every k-th layer (or powers of 2 without k), and the last.
     */
    static TreeSet<Integer> shownLayers(int depth, Integer every) {
        TreeSet<Integer> layers = new TreeSet<>();
        if (depth <= SHOW_ALL_UP_TO) {
            for (int l = 0; l <= depth; l++) {
                layers.add(l);
            }
            return layers;
        }
        for (int l = 0; l < HEAD_LAYERS; l++) {
            layers.add(l);
        }
        if (every != null) {
            for (int l = every; l <= depth; l += every) {
                layers.add(l);
            }
        } else {
            for (long l = 8; l <= depth; l *= 2) {
                layers.add((int) l);
            }
        }
        layers.add(depth);
        return layers;
    }
}
