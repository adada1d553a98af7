package dev.eoc.core.meanfield;

/** Argument checks shared by the mean-field classes; messages name the bad value. */
final class Arguments {

    private Arguments() {}

    /** q must be a finite variance &gt; 0. */
    static void checkVariance(double q) {
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("variance q must be finite and > 0, got " + q);
        }
    }

    /** q as in {@link #checkVariance(double)} and c a correlation in [-1, 1]. */
    static void checkPair(double q, double c) {
        checkVariance(q);
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation c must be in [-1, 1], got " + c);
        }
    }

    /** Variances q1, q2 finite and &gt;= 0 (one may vanish), c a correlation in [-1, 1]. */
    static void checkPair(double q1, double q2, double c) {
        for (double q : new double[] {q1, q2}) {
            if (!(q >= 0) || Double.isInfinite(q)) {
                throw new IllegalArgumentException(
                        "variances q1, q2 must be finite and >= 0, got " + q1 + " and " + q2);
            }
        }
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation c must be in [-1, 1], got " + c);
        }
    }
}
