package dev.eoc.examples.cli;

import static dev.eoc.examples.cli.CommandSupport.fmt;
import static dev.eoc.examples.cli.CommandSupport.put;
import static dev.eoc.examples.cli.CommandSupport.shortFmt;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.Analysis;
import dev.eoc.core.criticality.Criticality;
import dev.eoc.core.meanfield.VarianceFixedPoint;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc analyze}: mean-field analysis of one initialization (q*, chi_1, chi_q, c*, depth
 * scales, phase, trainable depth; Schoenholz et al. 2017, sections 3-5).
 */
@Command(
        name = "analyze",
        mixinStandardHelpOptions = true,
        description = {
            "Analyze one initialization: q*, chi_1, depth scales and phase.",
            "Reports for (activation, sigma_b, sigma_w): variance fixed point q*, chi_1, chi_q, correlation fixed point c*, depth scales xi_q and xi_c, phase (ordered / chaotic / edge_of_chaos) and trainable depth 6 xi_c."
        })
public final class AnalyzeCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ActivationOption activation;

    @Mixin private InitOptions init;

    @Option(
            names = "--q0",
            paramLabel = "Q0",
            defaultValue = "1",
            description = "Input variance the q* search starts from (default: ${DEFAULT-VALUE}).")
    private double q0;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() {
        ActivationFunction a = activation.get();
        if (!(q0 > 0) || Double.isInfinite(q0)) {
            throw new IllegalArgumentException("--q0 must be finite and > 0, got " + q0);
        }
        Analysis r = Criticality.analyze(a, init.variances(), q0);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            CommandSupport.print(out, toJson(r));
        } else {
            print(out, r);
        }
        out.flush();
        return 0;
    }

    /** The JSON object of an analysis, keys as documented. */
    static ObjectNode toJson(Analysis r) {
        ObjectNode n = CommandSupport.object();
        n.put("activation", r.activation());
        put(n, "sigma_b", r.sigmaB());
        put(n, "sigma_w", r.sigmaW());
        n.put("variance", r.variance().name().toLowerCase(Locale.ROOT));
        put(n, "q_star", r.qStar());
        put(n, "chi_1", r.chi1());
        put(n, "chi_q", r.chiQ());
        put(n, "c_star", r.cStar());
        put(n, "xi_q", r.xiQ());
        put(n, "xi_c", r.xiC());
        if (r.phase() == null) {
            n.putNull("phase");
        } else {
            n.put("phase", r.phase().id());
        }
        put(n, "trainable_depth", r.trainableDepth());
        return n;
    }

    private void print(PrintWriter out, Analysis r) {
        if (r.variance() != VarianceFixedPoint.Outcome.CONVERGED) {
            out.println(
                    r.activation()
                            + " at sigma_b = "
                            + shortFmt(r.sigmaB())
                            + ", sigma_w = "
                            + shortFmt(r.sigmaW())
                            + ": starting from q0 = "
                            + shortFmt(q0)
                            + " the variance q_l "
                            + (r.variance() == VarianceFixedPoint.Outcome.DIVERGES
                                    ? "diverges (grows without bound with depth): there is no"
                                            + " fixed point q*; reduce sigma_w."
                                    : "vanishes (q_l -> 0 with depth): signals die out; increase"
                                            + " sigma_w or sigma_b."));
            return;
        }
        CommandSupport.printPairs(
                out,
                new String[][] {
                    {"activation", r.activation()},
                    {"sigma_b", fmt(r.sigmaB())},
                    {"sigma_w", fmt(r.sigmaW())},
                    {"variance", "converged"},
                    {"q*", fmt(r.qStar())},
                    {"chi_1", fmt(r.chi1())},
                    {"chi_q", fmt(r.chiQ())},
                    {"c*", fmt(r.cStar())},
                    {"xi_q", fmt(r.xiQ())},
                    {"xi_c", fmt(r.xiC())},
                    {"phase", r.phase().id()},
                    {"trainable depth", fmt(r.trainableDepth())}
                });
        out.println(
                switch (r.phase()) {
                    case ORDERED ->
                            "ordered phase (chi_1 < 1): correlations converge to 1 and"
                                    + " gradients vanish over about xi_c = "
                                    + shortFmt(r.xiC())
                                    + " layers.";
                    case CHAOTIC ->
                            "chaotic phase (chi_1 > 1): correlations converge to c* = "
                                    + shortFmt(r.cStar())
                                    + " and gradients explode; depth scale xi_c = "
                                    + shortFmt(r.xiC())
                                    + " layers.";
                    case EDGE_OF_CHAOS ->
                            "on the Edge of Chaos (chi_1 = 1): xi_c is infinite,"
                                    + " signals propagate through arbitrarily deep networks.";
                });
    }
}
