package dev.eoc.core.diagnostics;

import java.util.Locale;

/**
 * Formats a report as one compact log line, the same for every framework, e.g.
 *
 * <pre>
 * iter=300 L=30 q1=0.5121 qL=0.5118 (theory 0.5121) c0=0.5 cL=0.9312 (theory 0.9271)
 * max|dc|=0.0121 chi1=1.001 grad1=0.001234 gradL=0.04512 verdict=healthy
 * </pre>
 *
 * (on one line). q1/qL and cL are the empirical values at the first and last hidden layer, the
 * theory values come from {@link TheoryPredictor}, chi1 is the geometric mean per-layer gain of
 * {@link PropagationDiagnosis}. Numbers have four significant digits; NaN prints as {@code nan}.
 */
public final class ReportFormatter {

    /** Significant digits in log lines: enough to see a 0.03 error at c ~ 1. */
    private static final int DIGITS = 4;

    private ReportFormatter() {}

    /** The one-line summary of a report. */
    public static String format(PropagationSnapshot s, PropagationDiagnosis.Diagnosis diagnosis) {
        int depth = s.depth();
        double[] q = s.qEmpirical();
        double[] c = s.cEmpirical();
        double[] qt = s.qTheory();
        double[] ct = s.cTheory();
        LayerStatistics first = s.layers().get(0);
        LayerStatistics last = s.layers().get(depth - 1);
        return "iter="
                + s.iteration()
                + " L="
                + depth
                + " q1="
                + number(q[1])
                + " qL="
                + number(q[depth])
                + " (theory "
                + number(qt[depth])
                + ") c0="
                + number(c[0])
                + " cL="
                + number(c[depth])
                + " (theory "
                + number(ct[depth])
                + ") max|dc|="
                + number(s.maxAbsCError())
                + " chi1="
                + number(diagnosis.meanChi1())
                + " grad1="
                + number(first.gradientNorm())
                + " gradL="
                + number(last.gradientNorm())
                + " verdict="
                + diagnosis.verdict().id();
    }

    /** Four significant digits, no trailing zeros; {@code nan}, {@code inf}, {@code -inf}. */
    public static String number(double v) {
        if (Double.isNaN(v)) {
            return "nan";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%." + DIGITS + "g", v);
        if (s.contains("e")) {
            return s.replaceAll("\\.?0+e", "e");
        }
        return s.contains(".") ? s.replaceAll("\\.?0+$", "") : s;
    }
}
