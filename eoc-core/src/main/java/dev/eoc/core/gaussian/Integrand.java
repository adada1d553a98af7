package dev.eoc.core.gaussian;

import java.util.function.DoubleUnaryOperator;

/**
 * A factor of a Gaussian expectation with what quadrature needs to know about its smoothness.
 *
 * @param f the function
 * @param breakpoints where f or its low derivatives jump
 * @param analyticHalfWidth half-width of a strip around the real axis where f is analytic between
 *     breakpoints; 0 when unknown
 */
public record Integrand(DoubleUnaryOperator f, double[] breakpoints, double analyticHalfWidth) {

    public Integrand {
        breakpoints = breakpoints.clone();
        if (!(analyticHalfWidth >= 0)) {
            throw new IllegalArgumentException(
                    "analytic half-width must be >= 0, got " + analyticHalfWidth);
        }
    }

    @Override
    public double[] breakpoints() {
        return breakpoints.clone();
    }
}
