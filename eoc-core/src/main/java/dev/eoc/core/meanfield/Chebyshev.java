package dev.eoc.core.meanfield;

import dev.eoc.core.internal.SpecialFunctions;

/**
 * Chebyshev interpolation on [-1, 1] through the Lobatto points x_j = -cos(j pi / n), j = 0..n
 * (ascending), in one and two dimensions (Trefethen, "Approximation Theory and Approximation
 * Practice", 2013, ch. 3-4): values to coefficients by the discrete cosine transform, evaluation by
 * Clenshaw's recurrence, and the size of the last coefficients as the a-posteriori error estimate
 * used to accept an interpolant (chebfun's test).
 */
final class Chebyshev {

    private Chebyshev() {}

    /** The n + 1 Lobatto points on [-1, 1], ascending; the end points are exactly -1 and 1. */
    static double[] points(int n) {
        double[] x = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            x[j] = -Math.cos(j * Math.PI / n);
        }
        x[0] = -1;
        x[n] = 1;
        if (n % 2 == 0) {
            x[n / 2] = 0;
        }
        return x;
    }

    /** Coefficients a_k with p(x) = sum_k a_k T_k(x) interpolating f_j = f(x_j), x_j ascending. */
    static double[] coefficients(double[] f) {
        int n = f.length - 1;
        double[] a = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            double sum = 0;
            for (int j = 0; j <= n; j++) {
                // x_j = -cos(j pi / n), so T_k(x_j) = (-1)^k cos(j k pi / n)
                double term = f[j] * Math.cos(Math.PI * ((long) j * k % (2L * n)) / n);
                sum += j == 0 || j == n ? 0.5 * term : term;
            }
            double scale = (k == 0 || k == n ? 1.0 : 2.0) / n;
            a[k] = (k % 2 == 0 ? scale : -scale) * sum;
        }
        return a;
    }

    /** Coefficients of the tensor interpolant of f[i][j] = f(x_i, y_j). */
    static double[][] coefficients(double[][] f) {
        int m = f.length;
        int n = f[0].length;
        double[][] rows = new double[m][];
        for (int i = 0; i < m; i++) {
            rows[i] = coefficients(f[i]);
        }
        double[][] a = new double[m][n];
        double[] column = new double[m];
        for (int l = 0; l < n; l++) {
            for (int i = 0; i < m; i++) {
                column[i] = rows[i][l];
            }
            double[] c = coefficients(column);
            for (int k = 0; k < m; k++) {
                a[k][l] = c[k];
            }
        }
        return a;
    }

    /** sum_k a_k T_k(x) by Clenshaw's recurrence. */
    static double evaluate(double[] a, double x) {
        return SpecialFunctions.clenshaw(a, x);
    }

    /** T_0(x) .. T_n(x) into t. */
    static void basis(double x, double[] t) {
        t[0] = 1;
        if (t.length > 1) {
            t[1] = x;
        }
        for (int k = 2; k < t.length; k++) {
            t[k] = 2 * x * t[k - 1] - t[k - 2];
        }
    }

    /** sum_kl a_kl T_k(x) T_l(y), with tx = T_k(x) and ty = T_l(y) from {@link #basis}. */
    static double evaluate(double[][] a, double[] tx, double[] ty) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            double[] row = a[k];
            double inner = 0;
            for (int l = 0; l < row.length; l++) {
                inner += row[l] * ty[l];
            }
            sum += inner * tx[k];
        }
        return sum;
    }

    /** |a_{n-1}| + |a_n|: the error estimate of the degree-n interpolant. */
    static double tail(double[] a) {
        int n = a.length - 1;
        return Math.abs(a[n]) + (n > 0 ? Math.abs(a[n - 1]) : 0);
    }

    /**
     * Whether the interpolant with coefficients a resolves its values: the last two coefficients
     * are below tolerance * scale, or the upper half of the coefficients has levelled off (within a
     * factor {@value #PLATEAU_RATIO}) below noiseLimit * scale, the signature of rounding noise in
     * the values rather than of an unresolved function (whose coefficients keep decaying
     * geometrically).
     */
    static boolean resolved(double[] a, double scale, double tolerance, double noiseLimit) {
        if (tail(a) <= tolerance * scale) {
            return true;
        }
        int n = a.length - 1;
        double middle = 0;
        double top = 0;
        for (int k = n / 2; k <= n; k++) {
            if (k < 3 * n / 4) {
                middle = Math.max(middle, Math.abs(a[k]));
            } else {
                top = Math.max(top, Math.abs(a[k]));
            }
        }
        return middle <= PLATEAU_RATIO * top && top <= noiseLimit * scale;
    }

    /**
     * Spread of noise-level coefficients: decay by less than this over n/4 degrees is a plateau.
     */
    static final double PLATEAU_RATIO = 10;

    /**
     * Error estimate of a tensor interpolant along its first dimension (dimension 0) or second (1):
     * twice the largest coefficient of the last two degrees in that dimension.
     */
    static double tail(double[][] a, int dimension) {
        int m = a.length - 1;
        int n = a[0].length - 1;
        double tail = 0;
        for (int k = 0; k <= m; k++) {
            for (int l = 0; l <= n; l++) {
                if (dimension == 0 ? k >= m - 1 : l >= n - 1) {
                    tail = Math.max(tail, Math.abs(a[k][l]));
                }
            }
        }
        return 2 * tail;
    }

    /** The largest |f_j|. */
    static double maxAbs(double[] f) {
        double m = 0;
        for (double v : f) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }
}
