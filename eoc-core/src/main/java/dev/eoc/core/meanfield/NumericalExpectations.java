package dev.eoc.core.meanfield;

import dev.eoc.core.activation.Activation;
import dev.eoc.core.gaussian.BivariateGaussian;
import dev.eoc.core.gaussian.GaussianQuadrature;
import dev.eoc.core.gaussian.Integrand;

/**
 * Expectations by composite Gauss-Legendre quadrature split at the activation's breakpoints.
 *
 * <p>Pair expectations of smooth activations use the Mehler series ({@link MehlerSeries}) when it
 * converges to 1e-12 within 200 terms. Gauss-Hermite is used where the activation is analytic in a
 * strip at least a few standard deviations wide (see {@link Activation#analyticHalfWidth()});
 * otherwise composite Gauss-Legendre split at the breakpoints. 1-D moments use {@link
 * GaussianQuadrature#standard()} (about 1e-14 relative); the pair expectations use 8 points per
 * panel and panels up to 2.5 sd wide on both levels, about 1e-12 absolute per unit q, which keeps
 * the correlation map within 1e-10 of 40-digit references.
 */
final class NumericalExpectations implements Expectations {

    /** Pair integrals: 8 points per panel, panels up to 2.5 sd; measured error ~1e-12 q. */
    private static final BivariateGaussian PAIR =
            BivariateGaussian.using(
                    GaussianQuadrature.of(8, GaussianQuadrature.DEFAULT_HALF_WIDTH, 2.5));

    /**
     * Relative difference of q under which the cached series is reused: F(q*) returns q* only to a
     * few ulps, and dC/dq = O(1) makes the induced error about 1e-14, far below the 1e-10 target.
     */
    private static final double SAME_VARIANCE = 1e-14;

    private final Activation phi;
    private final double[] breaks;
    private final double width;
    private final Integrand value;
    private final Integrand derivative;

    NumericalExpectations(Activation phi) {
        this.phi = phi;
        this.breaks = phi.breakpoints();
        this.width = breaks.length == 0 ? phi.analyticHalfWidth() : 0;
        this.value = new Integrand(phi::value, breaks, width);
        // phi' of an activation analytic in a strip is analytic in the same strip
        this.derivative = new Integrand(phi::derivative, breaks, width);
    }

    @Override
    public Activation activation() {
        return phi;
    }

    @Override
    public Moments moments(double q) {
        checkVariance(q);
        return Moments.of(
                phi,
                q,
                GaussianQuadrature.standard()
                        .rule(0, Math.sqrt(q), breaks, GaussianQuadrature.GRADING_BASE, width));
    }

    @Override
    public double product(double q, double c) {
        if (c == 1) {
            return moments(q).v(); // C(q, 1) = V(q) exactly, so f(1) = 1 at q*
        }
        MehlerSeries series = series(q, c);
        return series.accurateAt(c) ? series.product(c) : PAIR.expectProduct(value, value, q, c);
    }

    @Override
    public double derivativeProduct(double q, double c) {
        if (c == 1) {
            return moments(q).d(); // C'(q, 1) = D(q), so f'(1) = chi_1 exactly
        }
        MehlerSeries series = series(q, c);
        return series.accurateAt(c)
                ? series.derivativeProduct(c)
                : PAIR.expectProduct(derivative, derivative, q, c);
    }

    /**
     * The Mehler series at q, cached for the last q (trajectories and fixed-point searches evaluate
     * many c at one q).
     */
    private MehlerSeries series(double q, double c) {
        PiecewiseLinearExpectations.checkPair(q, c);
        Cached cached = lastSeries;
        if (cached != null && Math.abs(cached.q() - q) <= SAME_VARIANCE * q) {
            return cached.series();
        }
        MehlerSeries computed = MehlerSeries.compute(phi, q);
        lastSeries = new Cached(q, computed);
        return computed;
    }

    /** One cache entry; a record so that q and its (possibly null) series are read together. */
    private record Cached(double q, MehlerSeries series) {}

    private volatile Cached lastSeries;

    static void checkVariance(double q) {
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("variance q must be finite and > 0, got " + q);
        }
    }
}
