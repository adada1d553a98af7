package dev.eoc.examples.check;

import java.util.SplittableRandom;

/**
 * Probe inputs for {@code check}: two rows of width d with |x|^2 / d = q0 and correlation exactly c
 * (two Gaussian vectors, Gram-Schmidt orthonormalized, then mixed: x_1 = r u, x_2 = r (c u + sqrt(1
 * - c^2) v), r = sqrt(q0 d)). Exact up to float rounding (~1e-7 relative).
 */
public final class ProbeInputs {
    private ProbeInputs() {}

    /**
     * {@code count} independent pairs as 2 count rows (pair k = rows 2k, 2k + 1), each with |x|^2 /
     * d = q0 and correlation exactly c, pair k drawn from seed + k.
     */
    public static float[][] pairs(int d, double q0, double c, int count, long seed) {
        if (count < 1) {
            throw new IllegalArgumentException("need at least one pair, got " + count);
        }
        float[][] rows = new float[2 * count][];
        for (int k = 0; k < count; k++) {
            float[][] p = pair(d, q0, c, seed + k);
            rows[2 * k] = p[0];
            rows[2 * k + 1] = p[1];
        }
        return rows;
    }

    /** The pair as two rows. */
    public static float[][] pair(int d, double q0, double c, long seed) {
        if (d < 2 || !(q0 > 0) || !(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException(
                    "need width >= 2, q0 > 0 and c in [-1, 1], got " + d + ", " + q0 + ", " + c);
        }
        SplittableRandom r = new SplittableRandom(seed);
        double[] u = new double[d];
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            u[i] = r.nextGaussian();
            v[i] = r.nextGaussian();
        }
        normalize(u);
        double uv = 0;
        for (int i = 0; i < d; i++) {
            uv += u[i] * v[i];
        }
        for (int i = 0; i < d; i++) {
            v[i] -= uv * u[i];
        }
        normalize(v);
        double radius = Math.sqrt(q0 * d);
        double s = Math.sqrt(1 - c * c);
        float[][] rows = new float[2][d];
        for (int i = 0; i < d; i++) {
            rows[0][i] = (float) (radius * u[i]);
            rows[1][i] = (float) (radius * (c * u[i] + s * v[i]));
        }
        return rows;
    }

    private static void normalize(double[] x) {
        double n = 0;
        for (double v : x) {
            n += v * v;
        }
        n = Math.sqrt(n);
        for (int i = 0; i < x.length; i++) {
            x[i] /= n;
        }
    }
}
