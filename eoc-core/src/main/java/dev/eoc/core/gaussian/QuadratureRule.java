package dev.eoc.core.gaussian;

import java.util.function.DoubleUnaryOperator;

/**
 * Nodes and weights of a quadrature rule for a Gaussian expectation: E[g(X)] ~ sum_i w_i g(x_i).
 *
 * @param points the nodes x_i
 * @param weights the weights w_i, summing to 1 up to the truncated tail mass
 */
public record QuadratureRule(double[] points, double[] weights) {

    public QuadratureRule {
        if (points.length != weights.length) {
            throw new IllegalArgumentException(
                    points.length + " points but " + weights.length + " weights");
        }
    }

    /** Number of nodes. */
    public int size() {
        return points.length;
    }

    /** sum_i w_i g(x_i). */
    public double apply(DoubleUnaryOperator g) {
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            sum += weights[i] * g.applyAsDouble(points[i]);
        }
        return sum;
    }
}
