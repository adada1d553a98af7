package dev.eoc.examples.demo;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.Analysis;
import dev.eoc.core.criticality.Criticality;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Part 1 of the demo: for each activation, its recommended Edge-of-Chaos point next to what DJL's
 * and DL4J's default initializers amount to on a square hidden layer (zero biases, sigma_w = sqrt 2
 * and 1; see {@link InitPoint}), all computed by eoc-core (Schoenholz et al. 2017; Hayou et al.
 * 2019).
 */
public final class TheoryTable {

    /** The activations of the table: a smooth odd one, a smooth kinked one, and ReLU. */
    public static final List<String> ACTIVATIONS = List.of("tanh", "elu", "relu");

    private static final String ROW = "  %-8s %-13s %-5s %-14s %-7s %-7s %-7s %-14s %s%n";

    private TheoryTable() {}

    /** The rows: for every activation, the EOC point, then each framework's default. */
    public static List<TheoryRow> compute(List<String> activations) {
        List<TheoryRow> rows = new ArrayList<>();
        for (String spec : activations) {
            ActivationFunction a = Activations.parse(spec);
            rows.add(TheoryRow.eoc(EdgeOfChaos.of(a).recommended()));
            for (Framework f : Framework.values()) {
                rows.add(TheoryRow.of(defaultLabel(f), analyzeDefault(f, a)));
            }
        }
        return rows;
    }

    /** The label of a framework's default initialization in the table. */
    public static String defaultLabel(Framework f) {
        return f.id().toUpperCase(Locale.ROOT) + " default";
    }

    /** Mean-field analysis of a framework's default initialization for an activation. */
    static Analysis analyzeDefault(Framework f, ActivationFunction a) {
        InitPoint p = InitPoint.resolve(InitScheme.DEFAULT, f, a, null, null);
        return Criticality.analyze(a, InitVariances.ofStd(p.sigmaW(), p.sigmaB()));
    }

    /** The table as text: a header, one line per row, the activation named once per group. */
    public static String render(List<TheoryRow> rows) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        ROW,
                        "activ.",
                        "init",
                        "sig_b",
                        "sigma_w",
                        "q*",
                        "chi_q",
                        "chi_1",
                        "phase",
                        "trainable depth"));
        String previous = null;
        for (TheoryRow r : rows) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            ROW,
                            r.activation().equals(previous) ? "" : r.activation(),
                            r.init(),
                            number(r.sigmaB()),
                            number(r.sigmaW()),
                            qStar(r),
                            fixed(r.chiQ()),
                            fixed(r.chi1()),
                            r.phase(),
                            depth(r.trainableDepth())));
            previous = r.activation();
        }
        return b.toString();
    }

    /** sigma_b, sigma_w: exact values short, others to 10 decimals (what the tests compare). */
    static String number(double v) {
        String s = String.format(Locale.ROOT, "%.10f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String qStar(TheoryRow r) {
        if (Double.isNaN(r.qStar()) && r.phase().startsWith(TheoryRow.EOC)) {
            return "any"; // ReLU-like on the EOC: every q is a fixed point
        }
        return fixed(r.qStar());
    }

    private static String fixed(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.4f", v) : "-";
    }

    /** 6 xi_c in layers; "unlimited" when xi_c is infinite, "-" when there is no q*. */
    static String depth(double layers) {
        if (Double.isNaN(layers)) {
            return "-";
        }
        return Double.isInfinite(layers)
                ? "unlimited"
                : String.format(Locale.ROOT, "%.0f layers", layers);
    }
}
