package dev.eoc.examples.cli;

import static dev.eoc.examples.cli.CommandSupport.fmt;
import static dev.eoc.examples.cli.CommandSupport.put;
import static dev.eoc.examples.cli.CommandSupport.shortFmt;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.criticality.NoEdgeOfChaosException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc solve}: the Edge-of-Chaos point (sigma_w, q*, chi_q, beta_q) of an activation at a
 * given sigma_b, or at a given q* (Hayou et al. 2019, section 3), or the recommended point.
 */
@Command(
        name = "solve",
        mixinStandardHelpOptions = true,
        description = {
            "Find the Edge-of-Chaos point (chi_1 = 1) of an activation.",
            "It is the sigma_w with chi_1 = 1 at a given sigma_b (or q*). Without --sigma-b and --q-star, the recommended point of the activation is shown. Unstable points (chi_q >= 1) make q_l run away from q*; they are flagged."
        })
public final class SolveCommand implements Callable<Integer> {

    @Spec private CommandSpec spec;

    @Mixin private ActivationOption activation;

    @Option(names = "--sigma-b", paramLabel = "SIGMA_B", description = "Bias std, >= 0.")
    private Double sigmaB;

    @Option(
            names = "--q-star",
            paramLabel = "Q",
            description = "Parametrize by the variance fixed point q* > 0 instead of sigma_b.")
    private Double qStar;

    @Option(names = "--all", description = "List every EOC point at this sigma_b (all roots).")
    private boolean all;

    @Option(names = "--json", description = "Print JSON instead of a table.")
    private boolean json;

    @Override
    public Integer call() {
        ActivationFunction a = activation.get();
        EdgeOfChaos eoc = EdgeOfChaos.of(a);
        if (sigmaB != null && qStar != null) {
            throw new IllegalArgumentException(
                    "give either --sigma-b or --q-star, not both (got sigma_b = "
                            + sigmaB
                            + ", q* = "
                            + qStar
                            + ")");
        }
        if (all && sigmaB == null) {
            throw new IllegalArgumentException("--all needs --sigma-b");
        }
        List<EocPoint> points;
        if (qStar != null) {
            points = List.of(eoc.atQStar(qStar));
        } else if (sigmaB == null) {
            points = List.of(eoc.recommended());
        } else {
            points = all ? eoc.solveAll(sigmaB) : List.of(eoc.solve(sigmaB));
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            if (all) {
                ArrayNode array = CommandSupport.array();
                points.forEach(p -> array.add(toJson(p)));
                CommandSupport.print(out, array);
            } else {
                CommandSupport.print(out, toJson(points.get(0)));
            }
        } else if (points.size() == 1) {
            printPoint(out, eoc, points.get(0), sigmaB == null && qStar == null);
        } else {
            printTable(out, eoc, points);
        }
        out.flush();
        return 0;
    }

    /** The JSON object of one point, keys as documented. */
    static ObjectNode toJson(EocPoint p) {
        ObjectNode n = CommandSupport.object();
        n.put("activation", p.activation());
        put(n, "sigma_b", p.sigmaB());
        put(n, "sigma_w", p.sigmaW());
        put(n, "q_star", p.qStar());
        put(n, "chi_1", p.chi1());
        put(n, "chi_q", p.chiQ());
        n.put("stable", p.stable());
        put(n, "beta_q", p.betaQ());
        return n;
    }

    private static void printPoint(
            PrintWriter out, EdgeOfChaos eoc, EocPoint p, boolean recommended) {
        if (recommended) {
            out.println("recommended Edge-of-Chaos point of " + p.activation() + ":");
        }
        CommandSupport.printPairs(
                out,
                new String[][] {
                    {"activation", p.activation()},
                    {"sigma_b", fmt(p.sigmaB())},
                    {"sigma_w", fmt(p.sigmaW())},
                    {"q*", fmt(p.qStar())},
                    {"chi_1", fmt(p.chi1())},
                    {"chi_q", fmt(p.chiQ()) + "  " + stability(p)},
                    {"beta_q", fmt(p.betaQ())}
                });
        explain(out, eoc, p);
    }

    /** ReLU-like points have chi_q = 1 exactly: marginal, not a run-away. */
    private static String stability(EocPoint p) {
        if (reluLike(p)) {
            return "(marginal: every q is a fixed point)";
        }
        return p.stable() ? "(stable)" : "(UNSTABLE)";
    }

    private static boolean reluLike(EocPoint p) {
        return p.marginal();
    }

    private static void printTable(PrintWriter out, EdgeOfChaos eoc, List<EocPoint> points) {
        out.println(points.size() + " Edge-of-Chaos points of " + points.get(0).activation() + ":");
        out.printf(
                Locale.ROOT,
                "%-8s %-18s %-18s %-18s %-18s %-8s %s%n",
                "sigma_b",
                "sigma_w",
                "q*",
                "chi_1",
                "chi_q",
                "stable",
                "beta_q");
        for (EocPoint p : points) {
            out.printf(
                    Locale.ROOT,
                    "%-8s %-18s %-18s %-18s %-18s %-8s %s%n",
                    shortFmt(p.sigmaB()),
                    fmt(p.sigmaW()),
                    fmt(p.qStar()),
                    fmt(p.chi1()),
                    fmt(p.chiQ()),
                    p.stable() ? "yes" : "NO",
                    fmt(p.betaQ()));
        }
        points.stream()
                .filter(p -> !p.stable() && !reluLike(p))
                .findFirst()
                .ifPresent(p -> explain(out, eoc, p));
    }

    private static void explain(PrintWriter out, EdgeOfChaos eoc, EocPoint p) {
        if (Double.isNaN(p.qStar())) {
            out.println(
                    "q* is not determined: every q is a fixed point (the activation is positively"
                            + " homogeneous, so q_l keeps the input's variance).");
        }
        if (Double.isNaN(p.betaQ())) {
            out.println(
                    "beta_q is undefined: phi' has a kink, so 1 - c_l decays like 1/l^2"
                            + " instead of beta_q / l.");
        }
        if (!p.stable() && !reluLike(p)) {
            out.println(
                    "chi_q = "
                            + shortFmt(p.chiQ())
                            + " > 1: q_l runs away from q*; deep networks at this point fail to"
                            + " train; "
                            + stableAdvice(eoc, p));
        }
    }

    private static String stableAdvice(EdgeOfChaos eoc, EocPoint p) {
        try {
            EocPoint r = eoc.recommended();
            String where =
                    r.sigmaB() > p.sigmaB()
                            ? "use sigma_b >= " + shortFmt(r.sigmaB())
                            : "use a stable point such as sigma_b = " + shortFmt(r.sigmaB());
            return where
                    + " (recommended point: sigma_w = "
                    + shortFmt(r.sigmaW())
                    + ", chi_q = "
                    + shortFmt(r.chiQ())
                    + ")";
        } catch (NoEdgeOfChaosException e) {
            return "no stable point found for sigma_b in [0.1, 2.0]; choose another activation";
        }
    }
}
