package dev.eoc.core.criticality;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.activation.LeakyRelu;
import dev.eoc.core.meanfield.Expectations;
import dev.eoc.core.meanfield.Moments;
import java.util.ArrayList;
import java.util.List;

/**
 * Edge-of-Chaos solver: for an activation and sigma_b, the sigma_w with chi_1 = 1 and its q*.
 *
 * <p>Parametrized by q* (Hayou et al. 2019, section 3): on the EOC, sigma_w^2 = 1 / E[phi'(sqrt(q*)
 * Z)^2] and sigma_b^2 = q* - sigma_w^2 E[phi(sqrt(q*) Z)^2] =: b(q*). A given sigma_b is reached at
 * the roots of b(q) = sigma_b^2, located by scanning q on a log grid over [{@value #Q_MIN}, {@value
 * #Q_MAX}] ({@value #GRID_PER_DECADE} points per decade) and refined by Brent's method to 1e-14
 * relative, so sigma_w and q* carry the quadrature's accuracy (about 1e-13 relative, checked
 * against 40-digit mpmath in the tests). No root finding on sigma_w is needed.
 *
 * <p>ReLU-like activations (leaky ReLU, linear) are positively homogeneous: b(q) = 0 for every q,
 * so their only EOC point is sigma_b = 0, sigma_w = sqrt(2 / (1 + alpha^2)) (Hayou et al. 2019,
 * Prop. 1), and q* is not determined (NaN). Asking for sigma_b &gt; 0 is an error that says so.
 */
public final class EdgeOfChaos {

    /** Smallest q* searched. */
    public static final double Q_MIN = 1e-6;

    /** Largest q* searched. */
    public static final double Q_MAX = 1e6;

    /** Scan density of the root bracketing grid. */
    public static final int GRID_PER_DECADE = 3;

    /** Paper's sigma_b for tanh (Hayou et al. 2019, section 5). */
    public static final double TANH_SIGMA_B = 0.2;

    /** Paper's sigma_b for ELU (Hayou et al. 2019, section 5). */
    public static final double ELU_SIGMA_B = 0.1;

    private final ActivationFunction activation;
    private final Expectations expectations;

    private EdgeOfChaos(ActivationFunction activation) {
        this.activation = activation;
        this.expectations = Expectations.of(activation);
    }

    /** The solver for one activation. */
    public static EdgeOfChaos of(ActivationFunction activation) {
        return new EdgeOfChaos(activation);
    }

    /** Shortcut for {@code of(activation).solve(sigmaB)}. */
    public static EocPoint solve(ActivationFunction activation, double sigmaB) {
        return of(activation).solve(sigmaB);
    }

    /**
     * The EOC point at sigma_b: the stable root with the smallest q* if any, else the root with the
     * smallest q* (marked unstable).
     *
     * @throws IllegalArgumentException when sigma_b is negative, NaN or infinite
     * @throws NoEdgeOfChaosException when no point exists, with the reason
     */
    public EocPoint solve(double sigmaB) {
        List<EocPoint> all = solveAll(sigmaB);
        return all.stream().filter(EocPoint::stable).findFirst().orElse(all.get(0));
    }

    /**
     * Every EOC point at sigma_b found on the scan grid, by increasing q*.
     *
     * @throws NoEdgeOfChaosException when there is none, with the reason
     */
    public List<EocPoint> solveAll(double sigmaB) {
        if (!(sigmaB >= 0) || Double.isInfinite(sigmaB)) {
            throw new IllegalArgumentException("sigma_b must be finite and >= 0, got " + sigmaB);
        }
        if (activation instanceof LeakyRelu leaky) {
            return List.of(reluLike(leaky, sigmaB));
        }
        double target = sigmaB * sigmaB;
        int points = (int) Math.round(Math.log10(Q_MAX / Q_MIN) * GRID_PER_DECADE) + 1;
        double ratio = Math.pow(Q_MAX / Q_MIN, 1.0 / (points - 1));
        List<EocPoint> roots = new ArrayList<>();
        double qPrev = Q_MIN;
        double hPrev = coarseExcess(qPrev, target);
        double maxB = hPrev + target;
        double minB = maxB;
        for (int i = 1; i < points; i++) {
            double q = Q_MIN * Math.pow(ratio, i);
            double h = coarseExcess(q, target);
            maxB = Math.max(maxB, h + target);
            minB = Math.min(minB, h + target);
            if (h == 0 || (hPrev != 0 && Math.signum(h) != Math.signum(hPrev))) {
                double root = refine(qPrev / ratio, qPrev, q, q * ratio, target);
                if (!Double.isNaN(root)
                        && (roots.isEmpty()
                                || root > roots.get(roots.size() - 1).qStar() * (1 + 1e-9))) {
                    // report the sigma_b asked for; the one recomputed from q* agrees to ~1e-15
                    EocPoint p = atQStar(root);
                    roots.add(
                            new EocPoint(
                                    p.activation(),
                                    sigmaB,
                                    p.sigmaW(),
                                    p.qStar(),
                                    p.chi1(),
                                    p.chiQ(),
                                    p.betaQ()));
                }
            }
            qPrev = q;
            hPrev = h;
        }
        if (roots.isEmpty()) {
            throw new NoEdgeOfChaosException(noRootReason(sigmaB, minB, maxB));
        }
        return roots;
    }

    /**
     * The EOC point with variance fixed point q* (sigma_b^2 = b(q*) must come out &gt;= 0).
     *
     * @throws NoEdgeOfChaosException when b(q*) &lt; 0: no real sigma_b puts q* on the EOC
     */
    public EocPoint atQStar(double qStar) {
        if (!(qStar > 0) || Double.isInfinite(qStar)) {
            throw new IllegalArgumentException("q* must be finite and > 0, got " + qStar);
        }
        if (activation instanceof LeakyRelu leaky) {
            EocPoint p = reluLike(leaky, 0);
            return new EocPoint(
                    p.activation(), 0, p.sigmaW(), qStar, p.chi1(), p.chiQ(), p.betaQ());
        }
        Moments m = expectations.moments(qStar);
        double weightVariance = 1 / m.d();
        double biasVariance = qStar - weightVariance * m.v();
        if (biasVariance < 0) {
            throw new NoEdgeOfChaosException(
                    activation.spec()
                            + " has no EOC point with q* = "
                            + qStar
                            + ": it would need sigma_b^2 = q* - E[phi^2]/E[phi'^2] = "
                            + biasVariance
                            + " < 0");
        }
        double chiQ = weightVariance * m.dv();
        double betaQ =
                activation.hasContinuousDerivative() && m.s() > 0
                        ? 2 * m.d() / (qStar * m.s())
                        : Double.NaN;
        return new EocPoint(
                activation.spec(),
                Math.sqrt(biasVariance),
                Math.sqrt(weightVariance),
                qStar,
                weightVariance * m.d(),
                chiQ,
                betaQ);
    }

    /**
     * The default point recommended for this activation: sigma_b = 0 for ReLU-like activations, the
     * paper's sigma_b for tanh (0.2) and ELU (0.1), otherwise the smallest sigma_b in {0.1, 0.2,
     * ..., 2.0} whose EOC point is stable (chi_q &lt; 1).
     *
     * @throws NoEdgeOfChaosException when no stable point exists on that grid
     */
    public EocPoint recommended() {
        if (activation instanceof LeakyRelu) {
            return solve(0);
        }
        String spec = activation.spec();
        if (spec.equals(Activations.tanh().spec())) {
            return solve(TANH_SIGMA_B);
        }
        if (spec.equals(Activations.elu(1).spec())) {
            return solve(ELU_SIGMA_B);
        }
        StringBuilder tried = new StringBuilder();
        for (int i = 1; i <= 20; i++) {
            double sigmaB = i / 10.0;
            try {
                EocPoint p = solve(sigmaB);
                if (p.stable()) {
                    return p;
                }
                tried.append(String.format(" sigma_b=%.1f: chi_q=%.4f;", sigmaB, p.chiQ()));
            } catch (NoEdgeOfChaosException e) {
                tried.append(String.format(" sigma_b=%.1f: none;", sigmaB));
            }
        }
        throw new NoEdgeOfChaosException(
                activation.spec()
                        + " has no stable EOC point for sigma_b in [0.1, 2.0]:"
                        + tried
                        + " an unstable point (chi_q >= 1) makes q_l run away from q*");
    }

    /**
     * The EOC curve: points at {@code count} sigma_b values evenly spaced over [sigmaBMin,
     * sigmaBMax]; sigma_b values without a point are skipped. Each point says whether it is stable,
     * so the curve's stable and unstable parts can be told apart.
     */
    public List<EocPoint> curve(double sigmaBMin, double sigmaBMax, int count) {
        if (count < 2) {
            throw new IllegalArgumentException("a curve needs at least 2 points, got " + count);
        }
        checkSigmaBRange(sigmaBMin, sigmaBMax);
        List<EocPoint> curve = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            double sigmaB = sigmaBMin + (sigmaBMax - sigmaBMin) * i / (count - 1);
            try {
                curve.add(solve(sigmaB));
            } catch (NoEdgeOfChaosException e) {
                if (activation instanceof LeakyRelu) {
                    continue;
                }
                // no root at this sigma_b: the curve has a gap there
            }
        }
        return curve;
    }

    /** A range of sigma_b values: 0 &lt;= min &lt; max &lt; inf, or an error naming both. */
    static void checkSigmaBRange(double sigmaBMin, double sigmaBMax) {
        if (!(sigmaBMin >= 0) || !(sigmaBMax > sigmaBMin) || Double.isInfinite(sigmaBMax)) {
            throw new IllegalArgumentException(
                    "need 0 <= sigma_b min < sigma_b max < inf, got ["
                            + sigmaBMin
                            + ", "
                            + sigmaBMax
                            + "]");
        }
    }

    private double coarseExcess(double q, double target) {
        return excess(expectations.coarseMoments(q), target);
    }

    /**
     * The root of b(q) = target in [lo, hi] (sign change seen by the coarse scan), located to 1e-15
     * relative with accurate moments by Newton steps safeguarded by bisection in log q (rtsafe,
     * Press et al., Numerical Recipes, section 9.4). If the accurate signs at the ends agree (the
     * coarse scan misjudged a root sitting at a grid point), the bracket widens once to the
     * neighbouring grid points [wideLo, wideHi]. Returns NaN when there is no root after all.
     */
    private double refine(double wideLo, double lo, double hi, double wideHi, double target) {
        double fLo = excess(lo, target);
        double fHi = excess(hi, target);
        if (Math.signum(fLo) == Math.signum(fHi) && fLo != 0) {
            lo = Math.max(wideLo, Q_MIN);
            hi = Math.min(wideHi, Q_MAX);
            fLo = excess(lo, target);
            fHi = excess(hi, target);
            if (Math.signum(fLo) == Math.signum(fHi) && fLo != 0) {
                return Double.NaN;
            }
        }
        if (fLo == 0) {
            return lo;
        }
        if (fHi == 0) {
            return hi;
        }
        boolean rising = fHi > 0;
        double q = Math.sqrt(lo * hi);
        for (int step = 0; step < MAX_REFINE_STEPS; step++) {
            Moments m = expectations.moments(q);
            double f = excess(m, target);
            if (f == 0) {
                return q;
            }
            if ((f > 0) == rising) {
                hi = q;
            } else {
                lo = q;
            }
            // b'(q) = 1 - (V' D - V D') / D^2
            double slope = 1 - (m.dv() * m.d() - m.v() * m.dd()) / (m.d() * m.d());
            double next = q - f / slope;
            if (!(next > lo && next < hi)) {
                next = Math.sqrt(lo * hi);
            }
            if (Math.abs(next - q) <= 1e-15 * q || hi - lo <= 1e-15 * hi) {
                return next;
            }
            q = next;
        }
        throw new ArithmeticException(
                "EOC root of "
                        + activation.spec()
                        + " not located to 1e-15 in ["
                        + lo
                        + ", "
                        + hi
                        + "] within "
                        + MAX_REFINE_STEPS
                        + " steps");
    }

    private double excess(double q, double target) {
        return excess(expectations.moments(q), target);
    }

    /** b(q) - sigma_b^2 = q - V(q) / D(q) - target, the function whose roots are EOC points. */
    private static double excess(Moments m, double target) {
        return m.q() - m.v() / m.d() - target;
    }

    /** Newton-bisection steps allowed per root; bisection alone needs ~60 from one decade. */
    private static final int MAX_REFINE_STEPS = 100;

    private EocPoint reluLike(LeakyRelu leaky, double sigmaB) {
        if (sigmaB != 0) {
            throw new NoEdgeOfChaosException(
                    leaky.spec()
                            + " is positively homogeneous: its only Edge-of-Chaos point is sigma_b = 0,"
                            + " sigma_w = sqrt(2/(1+alpha^2)) = "
                            + Math.sqrt(2 / (1 + leaky.alpha() * leaky.alpha()))
                            + " (Hayou et al. 2019, Prop. 1); got sigma_b = "
                            + sigmaB);
        }
        double weightVariance = 2 / (1 + leaky.alpha() * leaky.alpha());
        // F(q) = sigma_w^2 (1 + alpha^2)/2 q = q: chi_q = chi_1 = 1, every q is a fixed point
        return new EocPoint(
                leaky.spec(), 0, Math.sqrt(weightVariance), Double.NaN, 1, 1, Double.NaN);
    }

    /**
     * A sigma_b to suggest: mid-range, where b(q*) = sigma_b^2 has a root by continuity (not the
     * recommended point, whose search calls solve and would come back here).
     */
    private static double example(double lo, double hi) {
        return 0.5 * (lo + hi);
    }

    /**
     * Why sigma_b has no EOC point, with the range of sigma_b^2 = b(q*) the scan saw (minB..maxB)
     * and the direction that works: the range is an interval of sigma_b only where b is continuous
     * over the scanned q*, which holds for every registered activation.
     */
    private String noRootReason(double sigmaB, double minB, double maxB) {
        if (maxB < 0) {
            return activation.spec()
                    + " has no Edge of Chaos: on chi_1 = 1 its variance map has no finite fixed point"
                    + " (sigma_b^2 = q* - E[phi^2]/E[phi'^2] < 0 for every q* in ["
                    + Q_MIN
                    + ", "
                    + Q_MAX
                    + "])";
        }
        double lo = Math.sqrt(Math.max(0, minB));
        double hi = Math.sqrt(maxB);
        boolean tooLarge = sigmaB * sigmaB > maxB;
        String advice =
                (tooLarge ? "choose a smaller sigma_b" : "choose a larger sigma_b")
                        + ", e.g. "
                        + String.format(java.util.Locale.ROOT, "%.4g", example(lo, hi));
        return activation.spec()
                + " has no Edge-of-Chaos point at sigma_b = "
                + sigmaB
                + ": over q* in ["
                + Q_MIN
                + ", "
                + Q_MAX
                + "] its EOC has sigma_b from about "
                + String.format(java.util.Locale.ROOT, "%.3g", lo)
                + " (exclusive)"
                + " to "
                + String.format(java.util.Locale.ROOT, "%.4g", hi)
                + "; "
                + advice;
    }
}
