package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.solvers.BrentSolver;
import org.apache.commons.math3.exception.TooManyEvaluationsException;

/**
 * Mean-field maps of a deep fully connected network with one activation and initialization
 * variances (sigma_w^2, sigma_b^2), in the infinite-width limit.
 *
 * <ul>
 *   <li>variance map F(q) = sigma_b^2 + sigma_w^2 E[phi(sqrt(q) Z)^2] (Poole et al. 2016, eq. 3);
 *   <li>its slope F'(q) = sigma_w^2 E[phi'^2 + phi phi''] (Gaussian integration by parts; computed
 *       as sigma_w^2 E[X phi phi'] / q, exact at kinks too), which at q* is chi_q;
 *   <li>correlation map f(q, c) = (sigma_b^2 + sigma_w^2 E[phi(u1) phi(u2)]) / F(q), with (u1, u2)
 *       centred Gaussian, variances q, correlation c (Poole et al. 2016, eq. 5; Schoenholz et al.
 *       2017, eq. 3), and its slope df/dc = sigma_w^2 q E[phi'(u1) phi'(u2)] / F(q);
 *   <li>chi_1(q) = sigma_w^2 E[phi'(sqrt(q) Z)^2] = df/dc at c = 1 and q = q* (Schoenholz et al.
 *       2017, eq. 5);
 *   <li>fixed points q* and c*, depth scales xi_q = -1/ln chi_q and xi_c = -1/ln chi_c (Schoenholz
 *       et al. 2017, eqs. 8-9) and trajectories.
 * </ul>
 *
 * <p>Accuracy is that of {@link Expectations}: about 1e-14 relative for the variance map and 1e-12
 * absolute for the correlation map. Every iteration is bounded; failures throw {@link
 * ArithmeticException} with the inputs and what to try.
 */
public final class MeanField {

    /**
     * Iteration cap for the variance fixed point (each step is one 1-D expectation). Aitken
     * acceleration makes geometric convergence take tens of steps; only marginal cases (F'(q*) ~ 1,
     * e.g. tanh at sigma_w = 1, sigma_b = 0, where q_l ~ 1/(2l)) reach the cap.
     */
    public static final int MAX_VARIANCE_ITERATIONS = 3_000;

    /**
     * Factor of the leap taken while q_l grows without slowing down (diverging or far below q*).
     */
    private static final double GROWTH_LEAP = 16;

    /** Variance above which q_l is reported as diverging. */
    public static final double DIVERGENCE_BOUND = 1e12;

    /** Relative change below which q_l has converged: a few ulps of the moments. */
    private static final double VARIANCE_TOLERANCE = 1e-15;

    /** Variance below which q_l is reported as vanishing (only possible with sigma_b = 0). */
    private static final double VANISHING_BOUND = 1e-12;

    private final Expectations expectations;
    private final InitVariances variances;

    private MeanField(Expectations expectations, InitVariances variances) {
        this.expectations = expectations;
        this.variances = variances;
    }

    /** Maps for the activation with closed-form expectations where available. */
    public static MeanField of(ActivationFunction activation, InitVariances variances) {
        return new MeanField(Expectations.of(activation), variances);
    }

    /**
     * Maps with the given expectations (e.g. {@link Expectations#numerical(ActivationFunction)}).
     */
    public static MeanField of(Expectations expectations, InitVariances variances) {
        return new MeanField(expectations, variances);
    }

    public ActivationFunction activation() {
        return expectations.activation();
    }

    public InitVariances variances() {
        return variances;
    }

    public Expectations expectations() {
        return expectations;
    }

    /** F(q) = sigma_b^2 + sigma_w^2 E[phi(sqrt(q) Z)^2]. */
    public double varianceMap(double q) {
        return variances.biasVariance() + variances.weightVariance() * expectations.moments(q).v();
    }

    /**
     * F'(q) = sigma_w^2 E[X phi(X) phi'(X)] / q, X ~ N(0, q); equals sigma_w^2 E[phi'^2 + phi
     * phi''] for smooth phi and is chi_q at q = q*.
     */
    public double varianceMapSlope(double q) {
        return variances.weightVariance() * expectations.moments(q).dv();
    }

    /** chi_1(q) = sigma_w^2 E[phi'(sqrt(q) Z)^2]. */
    public double chi1(double q) {
        return variances.weightVariance() * expectations.moments(q).d();
    }

    /**
     * Next-layer correlation from layer variance q and correlation c: f(q, c) = (sigma_b^2 +
     * sigma_w^2 C(q, c)) / F(q).
     */
    public double correlationMap(double q, double c) {
        return covariance(q, c) / varianceMap(q);
    }

    /** Next-layer covariance sigma_b^2 + sigma_w^2 E[phi(u1) phi(u2)]. */
    public double covariance(double q, double c) {
        return variances.biasVariance() + variances.weightVariance() * expectations.product(q, c);
    }

    /** df/dc = sigma_w^2 q E[phi'(u1) phi'(u2)] / F(q); chi_c when evaluated at (q*, c*). */
    public double correlationSlope(double q, double c) {
        return correlationSlopeAt(q, varianceMap(q), c);
    }

    /**
     * q_l and c_l through {@code depth} layers, starting from layer-0 pre-activation variance q0
     * and correlation c0 (both inputs with variance q0): q_{l+1} = F(q_l), c_{l+1} = f(q_l, c_l).
     *
     * @throws IllegalArgumentException for depth &lt;= 0, q0 not in (0, inf) or c0 not in [-1, 1]
     * @throws ArithmeticException when q_l overflows (the variance diverges)
     */
    public Trajectory propagate(double q0, double c0, int depth) {
        if (depth <= 0) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        Arguments.checkVariance(q0);
        if (!(c0 >= -1 && c0 <= 1)) {
            throw new IllegalArgumentException("correlation c0 must be in [-1, 1], got " + c0);
        }
        double[] q = new double[depth + 1];
        double[] c = new double[depth + 1];
        q[0] = q0;
        c[0] = c0;
        for (int l = 0; l < depth; l++) {
            q[l + 1] = varianceMap(q[l]);
            if (!(q[l + 1] > 0) || Double.isInfinite(q[l + 1]) || q[l + 1] > DIVERGENCE_BOUND) {
                throw new ArithmeticException(
                        "variance q_l diverged at layer "
                                + (l + 1)
                                + " (q = "
                                + q[l + 1]
                                + ") for "
                                + describe()
                                + "; use smaller sigma_w or depth");
            }
            // clamp rounding excursions: a correlation is in [-1, 1] by Cauchy-Schwarz
            c[l + 1] = Math.max(-1, Math.min(1, covariance(q[l], c[l]) / q[l + 1]));
        }
        return new Trajectory(q, c);
    }

    /**
     * Follows q_l from q0 to where it leads: a fixed point q* = F(q*) (found by iteration with
     * Aitken acceleration and a Brent polish once bracketed, to 1e-15 relative), divergence, or
     * collapse to 0. Bounded by {@link #MAX_VARIANCE_ITERATIONS} map evaluations.
     */
    public VarianceFixedPoint varianceFixedPoint(double q0) {
        Arguments.checkVariance(q0);
        double q = q0;
        int evals = 0;
        double g = varianceMap(q) - q;
        evals++;
        if (g == 0) {
            return new VarianceFixedPoint(VarianceFixedPoint.Outcome.CONVERGED, q, evals);
        }
        double dir = Math.signum(g);
        while (evals < MAX_VARIANCE_ITERATIONS) {
            double x1 = varianceMap(q);
            double x2 = varianceMap(x1);
            evals += 2;
            VarianceFixedPoint escaped = escaped(x2, evals);
            if (escaped != null) {
                return escaped;
            }
            double denominator = x2 - 2 * x1 + q;
            double candidate = x2;
            if (dir > 0 && x2 - x1 >= x1 - q) {
                // growth is not slowing down: leap ahead; overshooting a fixed point is caught
                // below by the sign change and bracketed
                candidate = GROWTH_LEAP * x2;
            } else if (denominator != 0) {
                double aitken = q - (x1 - q) * (x1 - q) / denominator;
                if (Double.isFinite(aitken) && aitken > 0 && (aitken - x2) * dir > 0) {
                    candidate = aitken;
                }
            }
            double gc = varianceMap(candidate) - candidate;
            evals++;
            if (gc == 0 || Math.abs(gc) <= VARIANCE_TOLERANCE * candidate) {
                return new VarianceFixedPoint(
                        VarianceFixedPoint.Outcome.CONVERGED, candidate, evals);
            }
            if (Math.signum(gc) != dir) {
                double root = polish(Math.min(x2, candidate), Math.max(x2, candidate));
                return new VarianceFixedPoint(VarianceFixedPoint.Outcome.CONVERGED, root, evals);
            }
            q = candidate;
        }
        if (q > 1e3 * Math.max(1, q0)) {
            return new VarianceFixedPoint(VarianceFixedPoint.Outcome.DIVERGES, q, evals);
        }
        if (dir < 0 && variances.biasVariance() == 0 && varianceMap(q) < q) {
            // still falling towards the fixed point 0 of F (phi(0) = 0, sigma_b = 0), only
            // algebraically: e.g. tanh at sigma_w = 1 has F(q) = q - 2q^2 + ..., q_l ~ 1/(2l)
            return new VarianceFixedPoint(VarianceFixedPoint.Outcome.VANISHES, q, evals);
        }
        throw new ArithmeticException(
                "variance map of "
                        + describe()
                        + " did not converge from q0 = "
                        + q0
                        + " within "
                        + MAX_VARIANCE_ITERATIONS
                        + " evaluations (last q = "
                        + q
                        + "); it is close to marginal (F'(q*) ~ 1): try another sigma_b");
    }

    /**
     * Newton's method on F(q) = q from a nearby guess, one moment evaluation per step; returns NaN
     * unless it converges within 50 steps to 1e-14 relative at an attracting fixed point (F'(q*)
     * &lt; 1), so that callers can fall back to {@link #varianceFixedPoint(double)}.
     */
    public double newtonFixedPoint(double guess) {
        Arguments.checkVariance(guess);
        double q = guess;
        for (int step = 0; step < 50; step++) {
            Moments m = expectations.moments(q);
            double g = variances.biasVariance() + variances.weightVariance() * m.v() - q;
            double slope = variances.weightVariance() * m.dv();
            if (!(slope < 1)) {
                return Double.NaN; // not approaching an attracting fixed point
            }
            double next = q - g / (slope - 1);
            if (!(next > 0) || Double.isInfinite(next)) {
                next = q / 2;
            }
            if (Math.abs(next - q) <= 1e-14 * next) {
                return next;
            }
            q = next;
        }
        return Double.NaN;
    }

    private VarianceFixedPoint escaped(double q, int evals) {
        if (!Double.isFinite(q) || q > DIVERGENCE_BOUND) {
            return new VarianceFixedPoint(VarianceFixedPoint.Outcome.DIVERGES, q, evals);
        }
        if (q < VANISHING_BOUND) {
            return new VarianceFixedPoint(VarianceFixedPoint.Outcome.VANISHES, q, evals);
        }
        return null;
    }

    private double polish(double lo, double hi) {
        BrentSolver brent = new BrentSolver(1e-15, VARIANCE_TOLERANCE * hi, 1e-300);
        try {
            return brent.solve(200, x -> varianceMap(x) - x, lo, hi);
        } catch (TooManyEvaluationsException e) {
            throw new ArithmeticException(
                    "q* of "
                            + describe()
                            + " not located in ["
                            + lo
                            + ", "
                            + hi
                            + "] in 200 steps");
        }
    }

    /**
     * The stable fixed point c* of the correlation map at the variance fixed point qStar: c* = 1
     * when chi_1 &lt;= 1; otherwise the unique fixed point in [0, 1) (f is increasing and convex on
     * [0, 1] with f(0) &gt;= 0 and f'(1) = chi_1 &gt; 1), found by Newton's method from c = 0 to
     * 1e-14 (Brent's method as a fallback).
     */
    public double correlationFixedPoint(double qStar) {
        return correlationFixedPoint(qStar, Double.NaN);
    }

    /**
     * c* as {@link #correlationFixedPoint(double)}, with Newton's method started from a guess in
     * (0, 1), e.g. the c* of a neighbouring initialization in a phase diagram. g(c) = f(c) - c is
     * convex with g &gt; 0 left of c* and g &lt; 0 right of it, so Newton's iteration rises
     * monotonically to c* from any point left of it, and the tangent at a point right of c* where
     * g' &lt; 0 meets zero left of c*; a guess past the minimum of g, or NaN, starts from c = 0.
     * The result agrees with the unguided one to the 1e-14 stopping tolerance.
     */
    public double correlationFixedPoint(double qStar, double guess) {
        double chi1 = chi1(qStar);
        if (chi1 <= 1 + EOC_TOLERANCE) {
            return 1.0;
        }
        double next = varianceMap(qStar);
        DoubleUnaryOperator excess = c -> covariance(qStar, c) / next - c;
        double g = excess.applyAsDouble(0);
        if (g <= 0) {
            return 0.0; // odd activation, sigma_b = 0: f(0) = 0
        }
        double c = 0;
        double[] start =
                guess > 0 && guess < 1 ? startLeftOfRoot(qStar, next, excess, guess) : null;
        if (start != null) {
            c = start[0];
            g = start[1];
            if (g == 0) {
                return c;
            }
        }
        // g(c) = f(c) - c is convex with g(c) > 0 and g' < 0 left of c*: Newton steps rise
        // monotonically to c* without overshooting, and each also yields chi_c - 1
        for (int step = 0; step < 100; step++) {
            double slope = correlationSlopeAt(qStar, next, c) - 1;
            if (!(slope < 0)) {
                break; // rounding at the root, or not convex after all: bracket instead
            }
            double stepTo = c - g / slope;
            if (!(stepTo > c && stepTo < 1)) {
                break;
            }
            if (stepTo - c <= 1e-14) {
                return stepTo;
            }
            c = stepTo;
            g = excess.applyAsDouble(c);
            if (g <= 0) {
                return c;
            }
        }
        double hi = Math.max(c, 0.5);
        while (excess.applyAsDouble(hi) >= 0) {
            hi = 1 - (1 - hi) / 4; // chi_1 barely above 1: the root sits close to c = 1
            if (1 - hi < 1e-10) {
                return 1.0;
            }
        }
        BrentSolver brent = new BrentSolver(1e-15, 1e-13, 1e-300);
        return brent.solve(200, excess::applyAsDouble, c, hi);
    }

    /** {c, g(c)} with c &lt;= c* near the guess (see above), or null to start from 0. */
    private double[] startLeftOfRoot(
            double qStar, double next, DoubleUnaryOperator excess, double guess) {
        double g = excess.applyAsDouble(guess);
        if (g >= 0) {
            return new double[] {guess, g};
        }
        double slope = correlationSlopeAt(qStar, next, guess) - 1;
        if (!(slope < 0)) {
            return null;
        }
        double tangentRoot = guess - g / slope;
        if (!(tangentRoot > 0)) {
            return null;
        }
        double gRoot = excess.applyAsDouble(tangentRoot);
        return gRoot >= 0 ? new double[] {tangentRoot, gRoot} : null;
    }

    private double correlationSlopeAt(double q, double next, double c) {
        return variances.weightVariance() * q * expectations.derivativeProduct(q, c) / next;
    }

    /**
     * |chi_1 - 1| below which a point counts as on the Edge of Chaos: the solver's own accuracy
     * (~1e-12) with margin, far below what depth &lt; 1e6 can resolve.
     */
    public static final double EOC_TOLERANCE = 1e-9;

    String describe() {
        return activation().spec()
                + " with sigma_w = "
                + variances.sigmaW()
                + ", sigma_b = "
                + variances.sigmaB();
    }
}
