package dev.eoc.core.meanfield;

import java.util.function.DoubleUnaryOperator;

/**
 * Polynomial interpolant of a pair expectation g(c), c = cos(theta), in the angle theta on [0, pi],
 * through Chebyshev-Lobatto points with the barycentric formula (Berrut &amp; Trefethen, SIAM Rev.
 * 2004).
 *
 * <p>In the angle, the pair expectations of kinked activations are analytic too: near c = 1 they
 * behave like (1 - c)^(k + 1/2) = 2^(k + 1/2) sin(theta/2)^(2k + 1), which is analytic on [0, pi]
 * (the arc-cosine kernel of ReLU, sin(theta) + (pi - theta) cos(theta), is the simplest case). So
 * the interpolant converges geometrically for every built-in activation; {@link #build} verifies it
 * at the midpoints between nodes and gives up (returns null) when the check fails.
 */
final class AngularInterpolant {

    private final double[] theta;
    private final double[] values;
    private final double[] weights;

    private AngularInterpolant(double[] theta, double[] values, double[] weights) {
        this.theta = theta;
        this.values = values;
        this.weights = weights;
    }

    /**
     * Interpolates g through n + 1 Chebyshev-Lobatto angles and checks it against g at {@code
     * checks} midpoints; null when any check differs by more than {@code tolerance}.
     */
    static AngularInterpolant build(DoubleUnaryOperator g, int n, int checks, double tolerance) {
        double[] theta = new double[n + 1];
        double[] values = new double[n + 1];
        double[] weights = new double[n + 1];
        for (int j = 0; j <= n; j++) {
            // Chebyshev-Lobatto points mapped to [0, pi]: theta_j = pi (1 - cos(j pi / n)) / 2
            theta[j] = Math.PI * (1 - Math.cos(j * Math.PI / n)) / 2;
            values[j] = g.applyAsDouble(Math.cos(theta[j]));
            weights[j] = (j % 2 == 0 ? 1.0 : -1.0) * (j == 0 || j == n ? 0.5 : 1.0);
        }
        AngularInterpolant interpolant = new AngularInterpolant(theta, values, weights);
        for (int k = 0; k < checks; k++) {
            int j = 1 + (int) ((long) k * (n - 2) / Math.max(1, checks - 1));
            double mid = 0.5 * (theta[j] + theta[j + 1]);
            double c = Math.cos(mid);
            if (Math.abs(interpolant.at(c) - g.applyAsDouble(c)) > tolerance) {
                return null;
            }
        }
        return interpolant;
    }

    /** The interpolated g(c). */
    double at(double c) {
        double t = Math.acos(Math.max(-1, Math.min(1, c)));
        double num = 0;
        double den = 0;
        for (int j = 0; j < theta.length; j++) {
            double d = t - theta[j];
            if (d == 0) {
                return values[j];
            }
            double w = weights[j] / d;
            num += w * values[j];
            den += w;
        }
        return num / den;
    }
}
