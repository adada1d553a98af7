package dev.eoc.core.diagnostics;

/**
 * Empirical statistics of a layer, computed the same way for every framework.
 *
 * <ul>
 *   <li>q = (1/P) sum_a |h_a|^2 / N, the mean second moment of the P probe rows (the empirical q_l
 *       of Poole et al. 2016, eq. 3, which is a second moment, not a centred variance);
 *   <li>c = mean over the pairs (h_0, h_1), (h_2, h_3), ... of h_a . h_b / (|h_a| |h_b|) (eq. 5);
 *   <li>sigma_w^2 = fan_in * Var(W) and sigma_b^2 = Var(b), with the population variance (divisor
 *       n); at initialization E[fan_in Var(W)] = sigma_w^2 (1 - 1/n), a relative bias of 1/n.
 * </ul>
 *
 * <p>Sums use double accumulation (rows of at most a few million floats; relative rounding error
 * below 1e-12). A zero-norm row gives a NaN correlation.
 */
public final class EmpiricalStatistics {

    private EmpiricalStatistics() {}

    /** q: mean over rows of |h|^2 / N. */
    public static double meanSquare(float[][] rows) {
        requireRows(rows, 1);
        double sum = 0;
        for (float[] row : rows) {
            sum += dot(row, row) / row.length;
        }
        return sum / rows.length;
    }

    /** c: mean correlation of the consecutive pairs (rows 0 and 1, 2 and 3, ...). */
    public static double meanPairCorrelation(float[][] rows) {
        return LayerStatistics.mean(pairCorrelations(rows));
    }

    /** The correlation h_a . h_b / (|h_a| |h_b|) of each consecutive pair, in order. */
    public static double[] pairCorrelations(float[][] rows) {
        requireRows(rows, 2);
        if (rows.length % 2 != 0) {
            throw new IllegalArgumentException(
                    "probe rows come in pairs (0,1), (2,3), ...; got an odd count " + rows.length);
        }
        double[] c = new double[rows.length / 2];
        for (int k = 0; k < c.length; k++) {
            float[] a = rows[2 * k];
            float[] b = rows[2 * k + 1];
            c[k] = dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
        }
        return c;
    }

    /** fan_in * Var(W) over all entries of the weight tensor. */
    public static double weightVariance(float[] weights, long fanIn) {
        if (fanIn <= 0) {
            throw new IllegalArgumentException("fan-in must be > 0, got " + fanIn);
        }
        return fanIn * variance(weights);
    }

    /** Var(b); 0 for an empty (absent) bias. */
    public static double biasVariance(float[] bias) {
        return bias.length == 0 ? 0 : variance(bias);
    }

    /** Population variance (divisor n), two-pass for accuracy. */
    static double variance(float[] x) {
        if (x.length == 0) {
            throw new IllegalArgumentException("variance of an empty array");
        }
        double mean = 0;
        for (float v : x) {
            mean += v;
        }
        mean /= x.length;
        double ss = 0;
        for (float v : x) {
            double d = v - mean;
            ss += d * d;
        }
        return ss / x.length;
    }

    private static double dot(float[] a, float[] b) {
        if (a.length != b.length || a.length == 0) {
            throw new IllegalArgumentException(
                    "rows must have the same non-zero width, got " + a.length + " and " + b.length);
        }
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    private static void requireRows(float[][] rows, int min) {
        if (rows.length < min) {
            throw new IllegalArgumentException(
                    "need at least " + min + " probe rows, got " + rows.length);
        }
    }
}
