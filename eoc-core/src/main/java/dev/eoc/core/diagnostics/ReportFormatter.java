package dev.eoc.core.diagnostics;

import java.util.Locale;

/**
 * Formats a report as one compact log line, the same for every framework, e.g.
 *
 * <pre>
 * iter=300 L=30 q1=0.5121 qL=0.5118 (theory 0.5121) c0=0.5 cL=0.9312 (theory 0.9271)
 * max|dc|=0.0121 (band 0.0632) chi1=1.001 grad1=0.001234 gradL=0.04512 verdict=healthy
 * </pre>
 *
 * (on one line). q1/qL and cL are the empirical values at the first and last hidden layer, the
 * theory values come from {@link TheoryPredictor}, the band is the finite-width band ({@link
 * FiniteWidthBand}) at the layer of the largest |dc|, chi1 is the geometric mean per-layer gain of
 * {@link PropagationDiagnosis} (for a residual network, the mean gain of its branches, which names
 * no phase), and {@code theory=residual} follows it when the theory is the residual one, {@code
 * theory=until-batchnorm} when it stops at a BatchNorm. When more than one symptom is found, {@code
 * findings=a,b} lists them all, most severe first. Numbers have four significant digits; NaN prints
 * as {@code nan}, a gradient that was not measured as {@code n/a}.
 */
public final class ReportFormatter {

    /** Significant digits in log lines: enough to see a 0.03 error at c ~ 1. */
    private static final int DIGITS = 4;

    private ReportFormatter() {}

    /**
     * The one-line summary of a report, with {@code loss=} (the interval's mean training loss) and,
     * for K known classes, {@code (chance ln K)} after the iteration when the loss is known.
     */
    public static String format(
            PropagationSnapshot s,
            PropagationDiagnosis.Diagnosis diagnosis,
            TrainingProgress progress) {
        String line = format(s, diagnosis);
        if (progress.intervalLosses().length == 0) {
            return line;
        }
        String loss =
                " loss="
                        + number(progress.latestLoss())
                        + (progress.classes() >= 2
                                ? " (chance " + number(Math.log(progress.classes())) + ")"
                                : "");
        int cut = line.indexOf(' ');
        return line.substring(0, cut) + loss + line.substring(cut);
    }

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
                + " (band "
                + number(bandAtLargestError(s))
                + ") chi1="
                + number(diagnosis.meanChi1())
                + (s.theory().residual() ? " theory=residual" : "")
                + (s.theory().normalized() ? " theory=until-batchnorm" : "")
                + " grad1="
                + gradient(first.gradientNorm())
                + " gradL="
                + gradient(last.gradientNorm())
                + " verdict="
                + diagnosis.verdict().id()
                + (diagnosis.findings().size() > 1
                        ? " findings="
                                + String.join(
                                        ",",
                                        diagnosis.symptoms().stream()
                                                .map(PropagationDiagnosis.Verdict::id)
                                                .distinct()
                                                .toList())
                        : "");
    }

    /** A gradient norm; {@code n/a} when it was not measured (NaN). */
    public static String gradient(double norm) {
        return Double.isNaN(norm) ? "n/a" : number(norm);
    }

    private static double bandAtLargestError(PropagationSnapshot s) {
        int worst = s.largestCErrorLayer();
        return worst == 0 ? Double.NaN : s.cBand()[worst];
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
