package dev.eoc.examples.cli;

import static dev.eoc.examples.cli.CommandSupport.fmt;
import static dev.eoc.examples.cli.CommandSupport.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.Analysis;
import dev.eoc.core.criticality.Criticality;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.Finding;
import dev.eoc.core.diagnostics.FiniteWidthBand;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.diagnostics.TrainingProgress;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.examples.check.FrameworkProbe;
import dev.eoc.examples.check.ProbeInputs;
import dev.eoc.examples.train.Architecture;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
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
            "Builds --depth layers of --width units in --framework (--arch resmlp: residual blocks), initializes them (--init eoc: the Edge of Chaos at --sigma-b; ordered: (sigma_b, sigma_w) = (1, 1); xavier: Glorot normal, sigma_w = 1, sigma_b = 0), propagates --pairs input pairs with |x|^2/d = q* of the point checked (1 where it has none) and correlation 0.5, and prints both with the finite-width band: a |c_l - theory| inside it is finite-width scatter, outside it a real mismatch. JSON arrays run over layers, index 0 = input."
        })
public final class CheckCommand implements Callable<Integer> {

    /** Input correlation of the probe pair. */
    static final double INPUT_CORRELATION = 0.5;

    /** Probe pairs by default: enough for a standard error, cheap at any width. */
    static final int DEFAULT_PAIRS = 4;

    /** The ordered-phase example. */
    static final double ORDERED_SIGMA = 1.0;

    @Spec private CommandSpec spec;

    @Option(
            names = "--framework",
            required = true,
            paramLabel = "djl|dl4j",
            description = "Framework that builds the network: djl or dl4j.")
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

    @Option(
            names = "--pairs",
            defaultValue = "" + DEFAULT_PAIRS,
            description =
                    "Input pairs in the probe (default: ${DEFAULT-VALUE}); their spread gives the"
                            + " band's standard error.")
    private int pairs;

    @Mixin ArchitectureOptions architectureOptions;

    @Option(names = "--json", description = "Print JSON.")
    private boolean json;

    @Override
    public Integer call() {
        ActivationFunction act = CommandSupport.activation(activation);
        if (width < 2 || depth < 1) {
            throw new IllegalArgumentException(
                    "--width must be >= 2 and --depth >= 1, got " + width + " and " + depth);
        }
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException(
                    "--depth "
                            + depth
                            + " is more than "
                            + MAX_DEPTH
                            + " layers; e.g. --depth 200");
        }
        double bytes = 4.0 * depth * width * width; // double: width^2 overflows a long at 1e9
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 2) {
            throw new IllegalArgumentException(
                    String.format(
                            Locale.ROOT,
                            "--width %d --depth %d needs about %.1f GiB of weights (4 depth width^2"
                                    + " bytes), more than half of this JVM's %.1f GiB: use a"
                                    + " smaller --width or --depth, or give the JVM more with"
                                    + " EOC_JAVA_OPTS=-Xmx...",
                            width,
                            depth,
                            bytes / (1L << 30),
                            heap / (double) (1L << 30)));
        }
        if (pairs < 1 || pairs > MAX_PAIRS) {
            throw new IllegalArgumentException(
                    "--pairs must be in 1.." + MAX_PAIRS + ", got " + pairs + "; try --pairs 4");
        }
        Architecture architecture = architectureOptions.architecture();
        if (architecture.convolutional()) {
            throw new IllegalArgumentException(
                    "check --arch cnn is not available: check probes networks with Gaussian input"
                            + " vectors, and a CNN's theory needs images; train one with the"
                            + " listener on instead: ./eoc train --arch cnn --dataset mnist"
                            + " --epochs 1 (or use --arch mlp or resmlp here)");
        }
        FrameworkProbe probe = FrameworkProbe.forName(framework);
        InitVariances variances = variances(act);
        // the input scale: q* of the point checked, so that layer 1 already sits at its fixed
        // point; a point without one (q_l diverges or vanishes) starts from q0 = 1
        Analysis analysis = Criticality.analyze(act, variances);
        boolean hasQStar = Double.isFinite(analysis.qStar()) && analysis.qStar() > 0;
        double q0 = hasQStar ? analysis.qStar() : Criticality.DEFAULT_Q0;
        String q0Source = hasQStar ? "q* of this point" : "this point has no q*";
        float[][] inputs = ProbeInputs.pairs(width, q0, INPUT_CORRELATION, pairs, seed);
        PropagationSnapshot s =
                probe.propagate(act.spec(), architecture, width, depth, variances, seed, inputs);
        PropagationReport report = PropagationReport.of(s, TrainingProgress.INITIALIZATION);
        FiniteWidthBand band = FiniteWidthBand.of(s);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            ObjectNode n = CommandSupport.object();
            n.put("framework", probe.name());
            n.put("activation", act.spec());
            n.put("init", pointLabel());
            put(n, "sigma_b", variances.sigmaB());
            put(n, "sigma_w", variances.sigmaW());
            n.put("arch", architecture.name());
            n.put("branch_scale", architecture.branchScale());
            n.put("width", width);
            n.put("depth", depth);
            n.put("seed", seed);
            n.put("q0", q0);
            n.put("q0_source", q0Source);
            n.set("q_empirical", CommandSupport.array(s.qEmpirical()));
            n.set("c_empirical", CommandSupport.array(s.cEmpirical()));
            n.set("q_theory", CommandSupport.array(s.qTheory()));
            n.set("c_theory", CommandSupport.array(s.cTheory()));
            put(n, "max_abs_c_error", s.maxAbsCError());
            n.put("pairs", pairs);
            n.set("c_band", CommandSupport.array(band.halfWidth()));
            n.set("c_deviation", CommandSupport.array(band.deviation()));
            n.put("layers_outside_band", band.layersOutside());
            n.put("verdict", report.diagnosis().verdict().id());
            var findings = n.putArray("findings");
            for (Finding f : report.diagnosis().findings()) {
                ObjectNode o = findings.addObject();
                o.put("symptom", f.symptom().id());
                o.put("severity", f.severity().id());
                o.put("layer", f.layer());
                o.put("evidence", f.evidence());
                o.put("fix", f.fix());
            }
            CommandSupport.print(out, n);
        } else {
            printTable(out, probe, architecture, act, variances, s, report, band, q0, q0Source);
        }
        out.flush();
        return 0;
    }

    /** "given" for an explicit (--sigma-b, --sigma-w), else the --init name. */
    private String pointLabel() {
        return sigmaW != null && sigmaB != null ? "given" : init;
    }

    /**
     * Upper bound on --depth: the probe costs a few framework operations per layer, so 10^4 layers
     * take tens of seconds (the paper's networks have at most a few hundred).
     */
    static final int MAX_DEPTH = 10_000;

    /** Upper bound on --pairs: each pair is a probe row pair through every layer. */
    static final int MAX_PAIRS = 64;

    /** The first layer whose theory is NaN (q_l diverged), or 0 when it is defined throughout. */
    private static int firstUndefinedTheory(PropagationSnapshot s) {
        double[] t = s.cTheory();
        for (int l = 1; l < t.length; l++) {
            if (Double.isNaN(t[l])) {
                return l;
            }
        }
        return 0;
    }

    /**
     * The point checked: an explicit (--sigma-b, --sigma-w) as given, whether or not the activation
     * has an EOC point there; otherwise --init's, the EOC point solved only when needed.
     */
    private InitVariances variances(ActivationFunction act) {
        if (sigmaW == null) {
            return initVariances(act);
        }
        return InitVariances.ofStd(sigmaW, sigmaB != null ? sigmaB : initVariances(act).sigmaB());
    }

    private InitVariances initVariances(ActivationFunction act) {
        InitVariances v =
                switch (init) {
                    case "eoc" -> {
                        EdgeOfChaos eoc = EdgeOfChaos.of(act);
                        EocPoint point = sigmaB == null ? eoc.recommended() : eoc.solve(sigmaB);
                        yield InitVariances.ofStd(point.sigmaW(), point.sigmaB());
                    }
                    case "ordered" -> InitVariances.ofStd(ORDERED_SIGMA, ORDERED_SIGMA);
                        // Glorot normal, Var(W) = 2 / (fan_in + fan_out) = 1 / width for square
                        // layers
                    case "xavier" -> InitVariances.ofStd(1.0, 0.0);
                    default ->
                            throw new IllegalArgumentException(
                                    "--init must be eoc, ordered or xavier, got '" + init + "'");
                };
        return v;
    }

    private void printTable(
            PrintWriter out,
            FrameworkProbe probe,
            Architecture architecture,
            ActivationFunction act,
            InitVariances v,
            PropagationSnapshot s,
            PropagationReport report,
            FiniteWidthBand band,
            double q0,
            String q0Source) {
        out.printf(
                Locale.ROOT,
                "%s%s, %s init, sigma_b = %s, sigma_w = %s, width %d, depth %d, seed %d, %d input"
                        + " pairs (%s)%n",
                architecture.residual()
                        ? String.format(
                                Locale.ROOT,
                                "residual MLP (embedding + %d blocks y + %s (W phi(y) + b)), ",
                                depth - 1,
                                fmt(architecture.branchScale()))
                        : "",
                act.spec(),
                pointLabel(),
                fmt(v.sigmaB()),
                fmt(v.sigmaW()),
                width,
                depth,
                seed,
                pairs,
                probe.name());
        out.printf(
                Locale.ROOT,
                "inputs: q0 = %s (%s), c0 = %s%n",
                fmt(q0),
                q0Source,
                fmt(INPUT_CORRELATION));
        double[] q = s.qEmpirical();
        double[] qt = s.qTheory();
        double[] c = s.cEmpirical();
        double[] ct = s.cTheory();
        out.printf(
                Locale.ROOT,
                "%6s  %-12s %-12s %-12s %-12s %-12s%n",
                "layer",
                "q_l",
                "q theory",
                "c_l",
                "c theory",
                "band +-");
        double[] w = band.halfWidth();
        for (int l : PropagateCommand.shownLayers(depth, null)) {
            out.printf(
                    Locale.ROOT,
                    "%6d  %-12.6g %-12.6g %-12.6f %-12.6f %-12s%n",
                    l,
                    q[l],
                    qt[l],
                    c[l],
                    ct[l],
                    l == 0 ? "" : String.format(Locale.ROOT, "%.4f", w[l]));
        }
        int worst = s.largestCErrorLayer();
        int undefinedFrom = firstUndefinedTheory(s);
        out.printf(
                Locale.ROOT,
                "max |c_l - theory| = %s at layer %d%s; finite-width band there +-%s (%s standard"
                        + " errors over %d pairs, at least %s / sqrt(width)); %d of %d layers"
                        + " outside the band%n",
                worst > 0 ? fmt(Math.abs(c[worst] - ct[worst])) : "undefined",
                worst,
                undefinedFrom > 0
                        ? " (over layers 1-"
                                + (undefinedFrom - 1)
                                + "; the theory is undefined from layer "
                                + undefinedFrom
                                + ", where its q_l passes "
                                + fmt(dev.eoc.core.meanfield.MeanField.DIVERGENCE_BOUND)
                                + ")"
                        : "",
                worst > 0 ? fmt(w[worst]) : "undefined",
                fmt(FiniteWidthBand.Z),
                pairs,
                fmt(FiniteWidthBand.WIDTH_COEFFICIENT),
                band.layersOutside(),
                depth);
        out.printf(Locale.ROOT, "verdict: %s%n", report.diagnosis().verdict().id());
        for (Finding f : report.diagnosis().findings()) {
            out.printf(
                    Locale.ROOT, "%s %s: %s%n", f.severity().id(), f.symptom().id(), f.message());
        }
    }
}
