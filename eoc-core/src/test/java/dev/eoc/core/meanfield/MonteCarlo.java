package dev.eoc.core.meanfield;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import java.util.SplittableRandom;

/** Finite random networks in plain Java, two inputs at a time, for Monte-Carlo checks. */
public final class MonteCarlo {

    /**
     * Seeds' means within this many of their standard errors (a 6e-5 two-sided chance per
     * comparison for a correct theory), plus a stated bias such as the O(1/n) finite-width one.
     */
    public static final double STANDARD_ERRORS = 4;

    /** A standard error above this leaves the comparison without power (a 20% error shows). */
    public static final double MAX_SE = 0.05;

    private MonteCarlo() {}

    /** Two inputs of width n with |x|^2 / n = q0 exactly and correlation c0 exactly. */
    public static double[][] pair(int n, double q0, double c0, SplittableRandom rng) {
        double[] a = new double[n];
        double[] b = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rng.nextGaussian();
            b[i] = rng.nextGaussian();
        }
        scale(a, Math.sqrt(q0 * n / dot(a, a)));
        double proj = dot(a, b) / dot(a, a);
        for (int i = 0; i < n; i++) {
            b[i] -= proj * a[i];
        }
        scale(b, Math.sqrt(q0 * n / dot(b, b)));
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = c0 * a[i] + Math.sqrt(1 - c0 * c0) * b[i];
        }
        return new double[][] {a, y};
    }

    /** W x + b for both inputs, W_ij ~ N(0, sigma_w^2 / n) and b_i ~ N(0, sigma_b^2), square. */
    public static double[][] dense(double[][] xy, InitVariances v, SplittableRandom rng) {
        return dense(xy, v.weightVariance(), v.biasVariance(), rng);
    }

    public static double[][] dense(
            double[][] xy, double weightVariance, double biasVariance, SplittableRandom rng) {
        int n = xy[0].length;
        double std = Math.sqrt(weightVariance / n);
        double bStd = Math.sqrt(biasVariance);
        double[][] out = new double[2][n];
        for (int i = 0; i < n; i++) {
            double bias = bStd * rng.nextGaussian();
            double s0 = 0;
            double s1 = 0;
            for (int j = 0; j < n; j++) {
                double w = std * rng.nextGaussian();
                s0 += w * xy[0][j];
                s1 += w * xy[1][j];
            }
            out[0][i] = s0 + bias;
            out[1][i] = s1 + bias;
        }
        return out;
    }

    public static double[][] apply(ActivationFunction phi, double[][] xy) {
        double[][] out = new double[2][xy[0].length];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = phi.value(xy[k][i]);
            }
        }
        return out;
    }

    /** y + alpha h. */
    public static double[][] add(double[][] y, double[][] h, double alpha) {
        double[][] out = new double[2][y[0].length];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < out[k].length; i++) {
                out[k][i] = y[k][i] + alpha * h[k][i];
            }
        }
        return out;
    }

    /** (|x|^2 + |y|^2) / (2 n). */
    public static double secondMoment(double[][] xy) {
        return (dot(xy[0], xy[0]) + dot(xy[1], xy[1])) / (2.0 * xy[0].length);
    }

    /** x . y / (|x| |y|). */
    public static double correlation(double[][] xy) {
        return dot(xy[0], xy[1]) / Math.sqrt(dot(xy[0], xy[0]) * dot(xy[1], xy[1]));
    }

    /** The seeds' mean within {@value #STANDARD_ERRORS} standard errors plus {@code bias}. */
    public static void assertNear(double theory, double[] values, double bias, String what) {
        double mean = 0;
        for (double v : values) {
            mean += v / values.length;
        }
        double var = 0;
        for (double v : values) {
            var += (v - mean) * (v - mean) / (values.length - 1);
        }
        double se = Math.sqrt(var / values.length);
        assertTrue(se < MAX_SE, what + ": standard error " + se + " too large for a test");
        assertEquals(theory, mean, STANDARD_ERRORS * se + bias, what + " (SE " + se + ")");
    }

    private static double dot(double[] u, double[] v) {
        double s = 0;
        for (int i = 0; i < u.length; i++) {
            s += u[i] * v[i];
        }
        return s;
    }

    private static void scale(double[] u, double f) {
        for (int i = 0; i < u.length; i++) {
            u[i] *= f;
        }
    }
}
