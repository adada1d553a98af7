package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.gaussian.GaussianQuadrature;
import dev.eoc.core.gaussian.QuadratureRule;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * C(q, c) = E[phi(u1) phi(u2)] and C'(q, c) = E[phi'(u1) phi'(u2)] for c in [0, 1], tabulated over
 * the shared variance A = q c and the private standard deviation r = sqrt(q (1 - c)).
 *
 * <p>Writing u_i = a + r Z_i with a ~ N(0, A) gives C = E[psi(a)^2] and C' = E[psi'(a)^2], psi the
 * activation smoothed over r ({@link SmoothedActivation}; Poole et al. 2016, eq. 5, in the
 * symmetric form). So all table nodes with the same r share one smoothed activation, and each node
 * costs one 1-D quadrature over a: two orders of magnitude cheaper than a 2-D pair quadrature per
 * (q, c). Panels are squares in (ln A, ln r) of ratio {@value #RATIO} (first panels [0, A_min] and
 * [0, r_min] in A and r themselves), with 17 x 21 Chebyshev-Lobatto nodes, doubled in a direction
 * whose last Chebyshev coefficients exceed {@value #TOLERANCE} of the panel's largest value. A
 * panel is built on first use and is accepted only when both directions pass and its smoothed
 * activations were accurate; otherwise {@link #at} reports that it cannot answer and the caller
 * integrates directly.
 */
final class PairTable {

    private static final Logger LOG = LoggerFactory.getLogger(PairTable.class);

    /** Accepted estimate of the interpolation error relative to the panel's largest value. */
    static final double TOLERANCE = 1e-13;

    /** Ratio of a panel's upper to lower end in A and in r. */
    static final double RATIO = 4;

    /** Degree in ln A: measured tails ~1e-15 for tanh, ELU, swish on ratio-4 panels. */
    static final int DEGREE_A = 16;

    /** Degree in ln r: the r direction converges more slowly near r = 0 for tanh. */
    static final int DEGREE_R = 20;

    /** Highest degree in ln A: one doubling of {@link #DEGREE_A} (nested Lobatto points). */
    static final int MAX_DEGREE_A = 2 * DEGREE_A;

    /**
     * Highest degree in ln r: kinks away from 0 (hard-tanh's at +-1) make C' converge only like
     * ~2.6^-n on [r, 4 r] (the smoothed kink Phi((1 - a) / r) is analytic in ln r only within |Im
     * ln r| &lt; pi/4), so some panels need degree ~30.
     */
    static final int MAX_DEGREE_R = 2 * DEGREE_R;

    /** Lowest panel index: A below 4^-10 (~1e-6) shares the first panel [0, 4^-10]. */
    private static final int MIN_INDEX_A = -10;

    /** Lowest panel index: r below 4^-6 (~2.4e-4) shares the first panel [0, 4^-6]. */
    private static final int MIN_INDEX_R = -6;

    /** Highest panel index: A or r beyond 4^25 (~1e15) is not tabulated. */
    private static final int MAX_INDEX = 25;

    private static final GaussianQuadrature RULE = GaussianQuadrature.standard();

    /**
     * The pair rule stretched to +-18 sd of the panel's lowest A, i.e. +-9 sd of its highest (A
     * ratio 4), with panels still at most 2 sd of the lowest A wide.
     */
    private static final GaussianQuadrature SHARED_RULE =
            GaussianQuadrature.of(
                    GaussianQuadrature.DEFAULT_NODES,
                    GaussianQuadrature.DEFAULT_HALF_WIDTH * Math.sqrt(RATIO),
                    GaussianQuadrature.DEFAULT_MAX_PANEL_WIDTH);

    /** Placeholder for panels that failed their accuracy check. */
    private static final Panel FAILED = new Panel(null, null);

    private final ActivationFunction phi;
    private final double[] breaks;
    private final double width;
    private final ConcurrentHashMap<Long, Panel> panels = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Double, SmoothedActivation> smoothed =
            new ConcurrentHashMap<>();

    PairTable(ActivationFunction phi) {
        this.phi = phi;
        this.breaks = phi.breakpoints();
        this.width = breaks.length == 0 ? phi.analyticHalfWidth() : 0;
    }

    /** One panel: Chebyshev coefficients of C and C' over its local coordinates. */
    private record Panel(double[][] product, double[][] derivativeProduct) {}

    /**
     * Writes C(q, c) to out[0] and C'(q, c) to out[1] and returns true, or returns false where the
     * table cannot answer (c outside [0, 1], A or r beyond the tabulated range, or a panel that
     * failed its accuracy check).
     */
    boolean at(double q, double c, double[] out) {
        if (!(c >= 0 && c <= 1)) {
            return false;
        }
        double a = q * c;
        double r = Math.sqrt(q * (1 - c));
        int i = index(a, MIN_INDEX_A);
        int j = index(r, MIN_INDEX_R);
        if (i > MAX_INDEX || j > MAX_INDEX) {
            return false;
        }
        Panel panel =
                panels.computeIfAbsent(((long) i << 32) ^ (j & 0xffffffffL), k -> build(i, j));
        if (panel == FAILED) {
            return false;
        }
        double[] tx = new double[panel.product().length];
        double[] ty = new double[panel.product()[0].length];
        Chebyshev.basis(local(a, i, MIN_INDEX_A), tx);
        Chebyshev.basis(local(r, j, MIN_INDEX_R), ty);
        out[0] = Chebyshev.evaluate(panel.product(), tx, ty);
        out[1] = Chebyshev.evaluate(panel.derivativeProduct(), tx, ty);
        return true;
    }

    /** Panel index of x: floor(log_4 x), or min - 1 for the first panel [0, 4^min]. */
    private static int index(double x, int min) {
        if (x < Math.pow(RATIO, min)) {
            return min - 1;
        }
        int k = (int) Math.floor(Math.log(x) / Math.log(RATIO));
        // log rounding at the panel ends: keep lower(k) <= x < lower(k + 1)
        if (x < lower(k)) {
            k--;
        } else if (x >= lower(k + 1)) {
            k++;
        }
        return Math.max(k, min);
    }

    /** 4^k exactly. */
    private static double lower(int k) {
        return Math.scalb(1.0, 2 * k);
    }

    /** x mapped to [-1, 1] in the panel's coordinate: ln x, or x itself in the first panel. */
    private static double local(double x, int k, int min) {
        if (k < min) {
            return Math.max(-1, Math.min(1, 2 * x / lower(min) - 1));
        }
        double t = (Math.log(x) - Math.log(lower(k))) / Math.log(RATIO);
        return Math.max(-1, Math.min(1, 2 * t - 1));
    }

    /** The panel's node coordinate for a Lobatto point, with exact panel ends. */
    private static double node(double x, int k, int min) {
        if (x == -1) {
            return k < min ? 0 : lower(k);
        }
        if (x == 1) {
            return lower(k < min ? min : k + 1);
        }
        if (k < min) {
            return 0.5 * (x + 1) * lower(min);
        }
        return lower(k) * Math.exp(0.5 * (x + 1) * Math.log(RATIO));
    }

    private Panel build(int i, int j) {
        int degreeA = DEGREE_A;
        int degreeR = DEGREE_R;
        while (true) {
            double[][][] values = values(i, j, degreeA, degreeR);
            if (values == null) {
                return failed(i, j, "a smoothed activation missed its tolerance");
            }
            double[][] c = Chebyshev.coefficients(values[0]);
            double[][] d = Chebyshev.coefficients(values[1]);
            double scaleC = TOLERANCE * maxAbs(values[0]);
            double scaleD = TOLERANCE * maxAbs(values[1]);
            boolean resolvedA = Chebyshev.tail(c, 0) <= scaleC && Chebyshev.tail(d, 0) <= scaleD;
            boolean resolvedR = Chebyshev.tail(c, 1) <= scaleC && Chebyshev.tail(d, 1) <= scaleD;
            if (resolvedA && resolvedR) {
                return new Panel(c, d);
            }
            boolean refined = false;
            if (!resolvedA && degreeA < MAX_DEGREE_A) {
                degreeA *= 2;
                refined = true;
            }
            if (!resolvedR && degreeR < MAX_DEGREE_R) {
                degreeR *= 2;
                refined = true;
            }
            if (!refined) {
                return failed(i, j, "degrees " + degreeA + " x " + degreeR + " did not converge");
            }
        }
    }

    private Panel failed(int i, int j, String why) {
        LOG.debug(
                "{}: pair table panel A in [{}, {}], r in [{}, {}] left to quadrature: {}",
                phi.spec(),
                node(-1, i, MIN_INDEX_A),
                node(1, i, MIN_INDEX_A),
                node(-1, j, MIN_INDEX_R),
                node(1, j, MIN_INDEX_R),
                why);
        return FAILED;
    }

    /**
     * C and C' at the panel's Lobatto nodes, [0 or 1][A node][r node], or null when a smoothed
     * activation was not accurate.
     */
    private double[][][] values(int i, int j, int degreeA, int degreeR) {
        double[] nodesA = Chebyshev.points(degreeA);
        double[] nodesR = Chebyshev.points(degreeR);
        double[][][] values = new double[2][degreeA + 1][degreeR + 1];
        double[] sharedVariances = new double[degreeA + 1];
        for (int k = 0; k <= degreeA; k++) {
            sharedVariances[k] = node(nodesA[k], i, MIN_INDEX_A);
        }
        double[][] out = new double[2][degreeA + 1];
        for (int l = 0; l <= degreeR; l++) {
            double r = node(nodesR[l], j, MIN_INDEX_R);
            SmoothedActivation psi =
                    smoothed.computeIfAbsent(r, s -> new SmoothedActivation(phi, s));
            if (i < MIN_INDEX_A) {
                integrateEach(psi, sharedVariances, out);
            } else {
                integrateShared(psi, sharedVariances, out);
            }
            if (!psi.accurate()) {
                return null;
            }
            for (int k = 0; k <= degreeA; k++) {
                values[0][k][l] = out[0][k];
                values[1][k][l] = out[1][k];
            }
        }
        return values;
    }

    /** Grading base of the rule over a: psi has kinks smoothed over r at the breakpoints. */
    private double gradingBase(double r) {
        return breaks.length > 0 && r > 0 ? Math.min(GaussianQuadrature.GRADING_BASE, r) : 1;
    }

    /**
     * E[psi(a)^2] and E[psi'(a)^2] over a ~ N(0, A_k) for the A_k of one panel [A_lo, RATIO A_lo]
     * on one set of nodes: the pair rule for sd_lo = sqrt(A_lo) widened to cover +-9 sqrt(A_hi),
     * whose panels (at most 2 sd_lo) also resolve every larger A_k; the weights are re-scaled to
     * each density. One evaluation of psi per node serves all 17 A_k.
     */
    private void integrateShared(SmoothedActivation psi, double[] variances, double[][] out) {
        double low = variances[0];
        QuadratureRule rule = SHARED_RULE.rule(0, Math.sqrt(low), breaks, gradingBase(psi.sd()));
        double[] x = rule.points();
        double[] w = rule.weights();
        double[] p = new double[x.length];
        double[] dp = new double[x.length];
        psi.evaluate(x, p, dp);
        for (int k = 0; k < variances.length; k++) {
            double a = variances[k];
            double ratio = Math.sqrt(low / a);
            double exponent = 0.5 * (1 / low - 1 / a);
            double s0 = 0;
            double s1 = 0;
            for (int g = 0; g < x.length; g++) {
                double weight = w[g] * ratio * Math.exp(exponent * x[g] * x[g]);
                s0 += weight * p[g] * p[g];
                s1 += weight * dp[g] * dp[g];
            }
            out[0][k] = s0;
            out[1][k] = s1;
        }
    }

    /** As {@link #integrateShared}, one pair rule per A_k, for the first panel [0, A_min]. */
    private void integrateEach(SmoothedActivation psi, double[] variances, double[][] out) {
        double[] v = new double[2];
        for (int k = 0; k < variances.length; k++) {
            double a = variances[k];
            if (a == 0) {
                psi.evaluate(0, v);
                out[0][k] = v[0] * v[0];
                out[1][k] = v[1] * v[1];
                continue;
            }
            QuadratureRule rule = RULE.rule(0, Math.sqrt(a), breaks, gradingBase(psi.sd()), width);
            double[] x = rule.points();
            double[] w = rule.weights();
            double[] p = new double[x.length];
            double[] dp = new double[x.length];
            psi.evaluate(x, p, dp);
            double s0 = 0;
            double s1 = 0;
            for (int g = 0; g < x.length; g++) {
                s0 += w[g] * p[g] * p[g];
                s1 += w[g] * dp[g] * dp[g];
            }
            out[0][k] = s0;
            out[1][k] = s1;
        }
    }

    private static double maxAbs(double[][] f) {
        double m = 0;
        for (double[] row : f) {
            m = Math.max(m, Chebyshev.maxAbs(row));
        }
        return m;
    }
}
