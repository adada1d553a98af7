package dev.eoc.core.diagnostics;

import java.util.List;

/** Small helpers the diagnosis rules share. */
final class Numbers {
    private Numbers() {}

    /** Four significant digits, as in the report lines. */
    static String n(double v) {
        return ReportFormatter.number(v);
    }

    /** Median of the finite values, NaN when none. */
    static double median(List<Double> values) {
        double[] x =
                values.stream().filter(Double::isFinite).mapToDouble(d -> d).sorted().toArray();
        if (x.length == 0) {
            return Double.NaN;
        }
        return x.length % 2 == 1 ? x[x.length / 2] : 0.5 * (x[x.length / 2 - 1] + x[x.length / 2]);
    }
}
