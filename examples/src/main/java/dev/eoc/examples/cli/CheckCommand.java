package dev.eoc.examples.cli;

import static dev.eoc.examples.cli.CommandSupport.fmt;
import static dev.eoc.examples.cli.CommandSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eoc.core.activation.Activation;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.examples.check.FrameworkProbe;
import dev.eoc.examples.check.ProbeInputs;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc check}: builds a real deep MLP in a framework, initializes it, propagates two inputs
 * with q_0 = q* and c_0 = 0.5 and prints the empirical q_l, c_l next to the mean-field theory for
 * the network's actual weights (Schoenholz et al. 2017, Fig. 2).
 */
@Command(
        name = "check",
        mixinStandardHelpOptions = true,
        description = {
            "Compare a real network's layer-by-layer q_l and c_l with mean-field theory.",
            "Builds --depth layers of --width units in --framework, initializes them (--init eoc:",
            "the Edge of Chaos at --sigma-b; ordered: (sigma_b, sigma_w) = (1, 1); xavier:",
            "Glorot normal, sigma_w = 1, sigma_b = 0), propagates two inputs with |x|^2/d = q*",
            "and correlation 0.5, and prints both. JSON arrays run over layers, index 0 = input."
        })
public final class CheckCommand implements Callable<Integer> {

    /** Input correlation of the probe pair. */
    static final double INPUT_CORRELATION = 0.5;

    /** The ordered-phase example. */
    static final double ORDERED_SIGMA = 1.0;

    @Spec private CommandSpec spec;

    @Option(names = "--framework", required = true, paramLabel = "djl|dl4j")
    private String framework;

    @Option(names = "--activation", paramLabel = "SPEC", description = "Activation, e.g. tanh.")
    private String activation;

    @Option(
            names = "--sigma-b",
            paramLabel = "SIGMA_B",
            description = "Bias std (default: the activation's recommended EOC point).")
    private Double sigmaB;

    @Option(
            names = "--sigma-w",
            paramLabel = "SIGMA_W",
            description = "Weight std, overriding what --init gives.")
    private Double sigmaW;

    @Option(
            names = "--width",
            defaultValue = "1000",
            description = "Units per layer (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(
            names = "--depth",
            defaultValue = "30",
            description = "Layers (default: ${DEFAULT-VALUE}).")
    private int depth;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Option(
            names = "--init",
            defaultValue = "eoc",
            paramLabel = "eoc|ordered|xavier",
            description = "Initialization (default: ${DEFAULT-VALUE}).")
    private String init;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Override
    public Integer call() {
        Activation act = CommandSupport.activation(activation);
        if (width < 2 || depth < 1) {
            throw new IllegalArgumentException(
                    "--width must be >= 2 and --depth >= 1, got " + width + " and " + depth);
        }
        FrameworkProbe probe = FrameworkProbe.forName(framework);
        EdgeOfChaos eoc = EdgeOfChaos.of(act);
        EocPoint point = sigmaB == null ? eoc.recommended() : eoc.solve(sigmaB);
        InitVariances variances = variances(point);
        double q0 = Double.isNaN(point.qStar()) ? 1.0 : point.qStar();
        float[][] inputs = ProbeInputs.pair(width, q0, INPUT_CORRELATION, seed);
        PropagationSnapshot s = probe.propagate(act.spec(), width, depth, variances, seed, inputs);
        PropagationReport report = PropagationReport.of(s);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = CommandSupport.object();
            n.put("framework", probe.name());
            n.put("activation", act.spec());
            n.put("init", init);
            put(n, "sigma_b", variances.sigmaB());
            put(n, "sigma_w", variances.sigmaW());
            n.put("width", width);
            n.put("depth", depth);
            n.put("seed", seed);
            n.set("q_empirical", CommandSupport.array(s.qEmpirical()));
            n.set("c_empirical", CommandSupport.array(s.cEmpirical()));
            n.set("q_theory", CommandSupport.array(s.qTheory()));
            n.set("c_theory", CommandSupport.array(s.cTheory()));
            put(n, "max_abs_c_error", s.maxAbsCError());
            n.put("verdict", report.diagnosis().verdict().id());
            CommandSupport.print(out, n);
        } else {
            printTable(out, probe, act, variances, s, report);
        }
        out.flush();
        return 0;
    }

    private InitVariances variances(EocPoint point) {
        InitVariances v =
                switch (init) {
                    case "eoc" -> InitVariances.ofStd(point.sigmaW(), point.sigmaB());
                    case "ordered" -> InitVariances.ofStd(ORDERED_SIGMA, ORDERED_SIGMA);
                        // Glorot normal, Var(W) = 2 / (fan_in + fan_out) = 1 / width for square
                        // layers
                    case "xavier" -> InitVariances.ofStd(1.0, 0.0);
                    default ->
                            throw new IllegalArgumentException(
                                    "--init must be eoc, ordered or xavier, got '" + init + "'");
                };
        return sigmaW == null ? v : InitVariances.ofStd(sigmaW, v.sigmaB());
    }

    private void printTable(
            PrintWriter out,
            FrameworkProbe probe,
            Activation act,
            InitVariances v,
            PropagationSnapshot s,
            PropagationReport report) {
        out.printf(
                Locale.ROOT,
                "%s, %s init, sigma_b = %s, sigma_w = %s, width %d, depth %d, seed %d (%s)%n",
                act.spec(),
                init,
                fmt(v.sigmaB()),
                fmt(v.sigmaW()),
                width,
                depth,
                seed,
                probe.name());
        double[] q = s.qEmpirical();
        double[] qt = s.qTheory();
        double[] c = s.cEmpirical();
        double[] ct = s.cTheory();
        out.printf(
                Locale.ROOT,
                "%6s  %-12s %-12s %-12s %-12s%n",
                "layer",
                "q_l",
                "q theory",
                "c_l",
                "c theory");
        for (int l : PropagateCommand.shownLayers(depth, null)) {
            out.printf(
                    Locale.ROOT,
                    "%6d  %-12.6f %-12.6f %-12.6f %-12.6f%n",
                    l,
                    q[l],
                    qt[l],
                    c[l],
                    ct[l]);
        }
        out.printf(Locale.ROOT, "max |c_l - theory| = %s%n", fmt(s.maxAbsCError()));
        out.printf(Locale.ROOT, "verdict: %s%n", report.diagnosis().verdict().id());
        if (report.diagnosis().isWarning()) {
            out.println(report.diagnosis().message());
        }
    }
}
