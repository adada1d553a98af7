package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.gaussian.BivariateGaussian;
import dev.eoc.core.gaussian.GaussianQuadrature;
import dev.eoc.core.gaussian.Integrand;
import java.util.function.DoubleUnaryOperator;

/**
 * Expectations by composite Gauss-Legendre quadrature split at the activation's breakpoints.
 *
 * <p>Pair expectations use the Mehler series ({@link MehlerSeries}) wherever its truncation error
 * is below 1e-12 relative (every c for smooth activations at moderate q). Gauss-Hermite is used
 * where the activation is analytic in a strip at least a few standard deviations wide (see {@link
 * ActivationFunction#analyticHalfWidth()}); otherwise composite Gauss-Legendre split at the
 * breakpoints. 1-D moments use {@link GaussianQuadrature#standard()} (about 1e-14 relative); the
 * pair expectations use the same rule on both levels (about 1e-15 relative), and when one variance
 * is queried again and again (a trajectory at q*) an angular interpolant ({@link
 * AngularInterpolant}) checked to 1e-12 per unit q replaces further quadratures. The series at a
 * new variance is computed for the reach |c| of its first query (a residual trajectory asks each
 * variance once: 40 terms at |c| = 0.5 instead of up to 200) and extended when a later query needs
 * more, so values may differ in their last digits (1e-15) with the order of the queries.
 */
final class NumericalExpectations implements Expectations {

    /**
     * Pair integrals: 10 points per panel, panels up to 2 sd on both levels; measured error ~1e-15
     * relative on closed-form kernels (8 points and 2.5 sd gave ~1e-11).
     */
    private static final BivariateGaussian PAIR =
            BivariateGaussian.using(
                    GaussianQuadrature.of(
                            GaussianQuadrature.DEFAULT_NODES,
                            GaussianQuadrature.DEFAULT_HALF_WIDTH,
                            GaussianQuadrature.DEFAULT_MAX_PANEL_WIDTH));

    /**
     * Relative difference of q under which the cached series is reused: F(q*) returns q* only to a
     * few ulps, and dC/dq = O(1) makes the induced error about 1e-14, far below the 1e-10 target.
     */
    private static final double SAME_VARIANCE = 1e-14;

    /** 5 points per panel, panels up to 3 sd, +-8 sd: about 1e-7 relative, a third of the nodes. */
    private static final GaussianQuadrature COARSE = GaussianQuadrature.of(5, 8, 3);

    private final ActivationFunction phi;
    private final double[] breaks;
    private final double width;
    private final Integrand value;
    private final Integrand derivative;

    NumericalExpectations(ActivationFunction phi) {
        this.phi = phi;
        this.breaks = phi.breakpoints();
        this.width = breaks.length == 0 ? phi.analyticHalfWidth() : 0;
        this.value = new Integrand(phi::value, breaks, width);
        // phi' of an activation analytic in a strip is analytic in the same strip
        this.derivative = new Integrand(phi::derivative, breaks, width);
    }

    @Override
    public ActivationFunction activation() {
        return phi;
    }

    @Override
    public Moments moments(double q) {
        Arguments.checkVariance(q);
        return Moments.of(
                phi,
                q,
                GaussianQuadrature.standard()
                        .rule(0, Math.sqrt(q), breaks, GaussianQuadrature.GRADING_BASE, width));
    }

    @Override
    public Moments coarseMoments(double q) {
        Arguments.checkVariance(q);
        return Moments.of(phi, q, COARSE.rule(0, Math.sqrt(q), breaks));
    }

    @Override
    public double product(double q, double c) {
        if (c == 1) {
            return moments(q).v(); // C(q, 1) = V(q) exactly, so f(1) = 1 at q*
        }
        return at(q, c).value(PRODUCT, c);
    }

    @Override
    public double derivativeProduct(double q, double c) {
        if (c == 1) {
            return moments(q).d(); // C'(q, 1) = D(q), so f'(1) = chi_1 exactly
        }
        return at(q, c).value(DERIVATIVE_PRODUCT, c);
    }

    private static final int PRODUCT = 0;
    private static final int DERIVATIVE_PRODUCT = 1;

    /** The state kept for the last variance queried (see {@link AtVariance}). */
    private AtVariance at(double q, double c) {
        Arguments.checkPair(q, c);
        AtVariance cached = last;
        if (cached != null && Math.abs(cached.q - q) <= SAME_VARIANCE * q) {
            return cached;
        }
        // the first query's |c| is the series' reach: a trajectory through changing variances
        // asks each once; a query beyond it at the same q extends the series (AtVariance.value)
        AtVariance fresh = new AtVariance(this, q, MehlerSeries.compute(phi, q, Math.abs(c)));
        last = fresh;
        return fresh;
    }

    /** Pair quadratures at one q after which an interpolant is built. */
    static final int INTERPOLATE_AFTER = 8;

    /** First interpolation degree in the angle (doubled up to twice if the check fails). */
    static final int ANGULAR_NODES = 24;

    /**
     * What is kept for one variance q: its Mehler series, used wherever it is accurate; elsewhere
     * pair quadrature, until {@value #INTERPOLATE_AFTER} quadratures have been needed at this q (a
     * trajectory or a fixed-point search keeps coming back to it); then an angular interpolant
     * ({@link AngularInterpolant}) through the series or quadrature values, verified at midpoints,
     * answers instead.
     */
    private static final class AtVariance {
        final NumericalExpectations owner;
        final double q;
        private volatile MehlerSeries series;
        private final int[] quadratures = new int[2];
        private final AngularInterpolant[] interpolants = new AngularInterpolant[2];
        private final boolean[] tried = new boolean[2];

        AtVariance(NumericalExpectations owner, double q, MehlerSeries series) {
            this.owner = owner;
            this.q = q;
            this.series = series;
        }

        double value(int kind, double c) {
            if (series.accurateAt(c)) {
                return fromSeries(kind, c);
            }
            if (series.partial()) {
                series = MehlerSeries.compute(owner.phi, q);
                if (series.accurateAt(c)) {
                    return fromSeries(kind, c);
                }
            }
            AngularInterpolant interpolant = interpolant(kind);
            return interpolant != null ? interpolant.at(c) : quadrature(kind, c);
        }

        private double fromSeries(int kind, double c) {
            return kind == PRODUCT ? series.product(c) : series.derivativeProduct(c);
        }

        private double quadrature(int kind, double c) {
            Integrand f = kind == PRODUCT ? owner.value : owner.derivative;
            return PAIR.expectProduct(f, f, q, c);
        }

        private synchronized AngularInterpolant interpolant(int kind) {
            if (tried[kind] || ++quadratures[kind] < INTERPOLATE_AFTER) {
                return interpolants[kind];
            }
            tried[kind] = true;
            double tolerance = PAIR_TOLERANCE * (kind == PRODUCT ? Math.max(1, q) : 1);
            DoubleUnaryOperator g =
                    c -> series.accurateAt(c) ? fromSeries(kind, c) : quadrature(kind, c);
            for (int n = ANGULAR_NODES;
                    n <= 4 * ANGULAR_NODES && interpolants[kind] == null;
                    n *= 2) {
                interpolants[kind] = AngularInterpolant.build(g, n, 4, tolerance);
            }
            return interpolants[kind];
        }
    }

    /**
     * Interpolation check tolerance per unit q: the pair quadrature's own error is ~1e-15, and
     * 1e-12 keeps correlation-map values 100 times inside the 1e-10 target.
     */
    private static final double PAIR_TOLERANCE = 1e-12;

    private volatile AtVariance last;
}
