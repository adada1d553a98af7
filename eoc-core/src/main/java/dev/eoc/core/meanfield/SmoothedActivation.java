package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.gaussian.GaussianQuadrature;
import dev.eoc.core.gaussian.QuadratureRule;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The activation and its derivative smoothed by a centred Gaussian of standard deviation r: psi(a)
 * = E[phi(a + r Z)] and psi'(a) = E[phi'(a + r Z)], Z ~ N(0, 1), as piecewise Chebyshev
 * interpolants in a.
 *
 * <p>With u1 = a + r Z1 and u2 = a + r Z2, a ~ N(0, A), the pair (u1, u2) has variance q = A + r^2
 * and correlation c = A / q, so that E[phi(u1) phi(u2)] = E[psi(a)^2] and E[phi'(u1) phi'(u2)] =
 * E[psi'(a)^2]: one smoothed activation serves every A at a given private variance r^2 ({@link
 * PairTable}). Panels are graded geometrically around the origin (unit length scale of the built-in
 * activations) and, down to width r, around the breakpoints, where psi has a kink smoothed over r.
 * Each panel is built on first use with 9, 17, 33 or 65 Lobatto points until its last two Chebyshev
 * coefficients are below {@value #TOLERANCE} of the panel's magnitude, or at 65 points have
 * levelled off at a rounding-noise plateau below {@value #NOISE_LIMIT} ({@link
 * Chebyshev#resolved}); a panel that does not get there marks the whole interpolant {@link
 * #accurate() inaccurate}. Node values are pair-rule quadratures ({@link
 * GaussianQuadrature#standard()}, about 1e-15 relative).
 */
final class SmoothedActivation {

    /**
     * Accepted size of the last two coefficients relative to the panel's magnitude: the node values
     * carry quadrature rounding noise of ~1e-14 relative (e.g. psi(a) = a on ELU's linear side),
     * which a tighter test would mistake for slow convergence.
     */
    static final double TOLERANCE = 1e-13;

    /**
     * Largest rounding-noise plateau accepted at the top degree, relative to the panel's scale:
     * within a few r of a kink at |b| &gt;&gt; r the rule's nodes carry ~|b| ulp / r of relative
     * error (hard-tanh at r = 1e-6: ~1e-12 in psi'), which no degree removes.
     */
    static final double NOISE_LIMIT = 1e-10;

    /** Degrees tried per panel: nested Lobatto sets, so each doubling reuses the values. */
    private static final int[] DEGREES = {8, 16, 32, 64};

    private static final GaussianQuadrature RULE = GaussianQuadrature.standard();

    /**
     * Half-widths (in r) of the shared-node rules: a panel up to 8 r long (13) or 16 r long (17)
     * gets one rule for all its points; longer panels get one rule per point.
     */
    private static final double[] SHARED_HALF_WIDTHS = {13, 17};

    private static final GaussianQuadrature[] SHARED_RULES = {
        GaussianQuadrature.of(
                GaussianQuadrature.DEFAULT_NODES,
                SHARED_HALF_WIDTHS[0],
                GaussianQuadrature.DEFAULT_MAX_PANEL_WIDTH),
        GaussianQuadrature.of(
                GaussianQuadrature.DEFAULT_NODES,
                SHARED_HALF_WIDTHS[1],
                GaussianQuadrature.DEFAULT_MAX_PANEL_WIDTH)
    };

    private final ActivationFunction phi;
    private final double r;
    private final double[] breaks;
    private final double width;
    private final double valueScale;
    private final double slopeScale;
    private final Map<Double, double[][]> built = new HashMap<>();
    private double[][][] panels;
    private double reach;
    private double[] ends;
    private boolean accurate = true;

    SmoothedActivation(ActivationFunction phi, double r) {
        if (!(r >= 0) || Double.isInfinite(r)) {
            throw new IllegalArgumentException("smoothing sd must be finite and >= 0, got " + r);
        }
        this.phi = phi;
        this.r = r;
        this.breaks = phi.breakpoints();
        this.width = breaks.length == 0 ? phi.analyticHalfWidth() : 0;
        // absolute floors for the accuracy test where psi itself is tiny (ReLU-like far left)
        this.valueScale = Math.max(Math.abs(phi.value(-1)), Math.abs(phi.value(1)));
        this.slopeScale = Math.max(Math.abs(phi.derivative(-1)), Math.abs(phi.derivative(1)));
        extendTo(2);
    }

    /** The smoothing standard deviation r. */
    double sd() {
        return r;
    }

    /** False once some panel missed {@value #TOLERANCE} at the highest degree. */
    synchronized boolean accurate() {
        return accurate;
    }

    /** Writes psi(a) to out[0] and psi'(a) to out[1]. */
    synchronized void evaluate(double a, double[] out) {
        out[0] = value(a, 0);
        out[1] = value(a, 1);
    }

    /** psi(a_k) into psi[k] and psi'(a_k) into slope[k], for every k. */
    synchronized void evaluate(double[] a, double[] psi, double[] slope) {
        for (int k = 0; k < a.length; k++) {
            psi[k] = value(a[k], 0);
            slope[k] = value(a[k], 1);
        }
    }

    /** psi (which = 0) or psi' (which = 1) at a. */
    private double value(double a, int which) {
        if (!(Math.abs(a) < reach)) {
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("argument must be finite, got " + a);
            }
            extendTo(Math.abs(a));
        }
        int p = Arrays.binarySearch(ends, a);
        p = p >= 0 ? Math.min(p, ends.length - 2) : -p - 2;
        double lo = ends[p];
        double hi = ends[p + 1];
        double[][] c = panels[p];
        if (c == null) {
            c = build(lo, hi);
            panels[p] = c;
            built.put(lo, c);
        }
        return Chebyshev.evaluate(c[which], (2 * a - lo - hi) / (hi - lo));
    }

    /**
     * Panel ends covering [-reach, reach], reach a power of two: +-2^k around the origin, and each
     * breakpoint with b +- r 2^k up to distance 1. Built panels keep their keys (left ends) since a
     * larger reach only adds ends beyond the old reach.
     */
    private void extendTo(double needed) {
        double newReach = 2;
        while (newReach <= needed) {
            newReach *= 2;
        }
        TreeSet<Double> points = new TreeSet<>();
        points.add(0.0);
        for (double d = 1; d <= newReach; d *= 2) {
            points.add(d);
            points.add(-d);
        }
        // every breakpoint's points, also beyond the reach (clipped below): else a later
        // extension could split a panel already built near a breakpoint just outside the reach
        for (double b : breaks) {
            points.add(b);
            for (double d = r; r > 0 && d < 1; d *= 2) {
                points.add(b + d);
                points.add(b - d);
            }
        }
        ends =
                points.subSet(-newReach, true, newReach, true).stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray();
        reach = newReach;
        panels = new double[ends.length - 1][][];
        for (int p = 0; p + 1 < ends.length; p++) {
            panels[p] = built.get(ends[p]);
        }
    }

    /** Chebyshev coefficients of psi and psi' on [lo, hi], degree raised until accepted. */
    private double[][] build(double lo, double hi) {
        double[][] values = null;
        double[][] c = null;
        for (int n : DEGREES) {
            values = values(lo, hi, n, values);
            c =
                    new double[][] {
                        Chebyshev.coefficients(values[0]), Chebyshev.coefficients(values[1])
                    };
            // a noise plateau only at the top degree, where an analytic psi has converged
            double noise = n == DEGREES[DEGREES.length - 1] ? NOISE_LIMIT : 0;
            double valueScale = Math.max(Chebyshev.maxAbs(values[0]), this.valueScale);
            double slopeScale = Math.max(Chebyshev.maxAbs(values[1]), this.slopeScale);
            if (Chebyshev.resolved(c[0], valueScale, TOLERANCE, noise)
                    && Chebyshev.resolved(c[1], slopeScale, TOLERANCE, noise)) {
                return c;
            }
        }
        accurate = false;
        return c;
    }

    /** psi, psi' at the degree-n Lobatto points of [lo, hi], reusing the degree-n/2 values. */
    private double[][] values(double lo, double hi, int n, double[][] previous) {
        double[] x = Chebyshev.points(n);
        double[][] v = new double[2][n + 1];
        double[] a = new double[n + 1];
        boolean[] fresh = new boolean[n + 1];
        for (int j = 0; j <= n; j++) {
            a[j] = 0.5 * (lo + hi) + 0.5 * (hi - lo) * x[j];
            if (previous != null && j % 2 == 0) {
                v[0][j] = previous[0][j / 2];
                v[1][j] = previous[1][j / 2];
            } else {
                fresh[j] = true;
            }
        }
        if (r == 0) {
            // phi' may jump at a panel end (a kink): take the limit from inside the panel
            a[0] = Math.nextUp(lo);
            a[n] = Math.nextDown(hi);
        }
        GaussianQuadrature shared = sharedRule(hi - lo);
        if (shared != null) {
            smoothShared(shared, 0.5 * (lo + hi), a, fresh, v);
            return v;
        }
        double[] out = new double[2];
        for (int j = 0; j <= n; j++) {
            if (fresh[j]) {
                smooth(a[j], out);
                v[0][j] = out[0];
                v[1][j] = out[1];
            }
        }
        return v;
    }

    /**
     * The rule whose window, centred on a panel of the given length, covers +-9 r around each of
     * its points, or null when the panel is so long against r that separate rules are cheaper.
     */
    private GaussianQuadrature sharedRule(double length) {
        if (r == 0) {
            return null;
        }
        double halfWidth = 0.5 * length / r + GaussianQuadrature.DEFAULT_HALF_WIDTH;
        for (int k = 0; k < SHARED_HALF_WIDTHS.length; k++) {
            if (halfWidth <= SHARED_HALF_WIDTHS[k]) {
                return SHARED_RULES[k];
            }
        }
        return null;
    }

    /**
     * psi and psi' at every fresh a_j from one set of nodes: the pair rule for N(centre, r^2) on a
     * window covering all the a_j's windows (panels at most 2 r wide, graded as usual), each weight
     * re-centred on a_j: w_g p(y_g - a_j) / p(y_g - centre). One phi evaluation per node serves all
     * the a_j, which lie within a few r of each other.
     */
    private void smoothShared(
            GaussianQuadrature shared, double centre, double[] a, boolean[] fresh, double[][] v) {
        QuadratureRule rule = shared.rule(centre, r, breaks, GaussianQuadrature.GRADING_BASE);
        double[] y = rule.points();
        double[] w = rule.weights();
        double[] f = new double[y.length];
        double[] f1 = new double[y.length];
        double[] e = new double[3];
        for (int g = 0; g < y.length; g++) {
            phi.evaluate(y[g], e);
            f[g] = e[0];
            f1[g] = e[1];
        }
        double inv = 0.5 / (r * r);
        for (int j = 0; j < a.length; j++) {
            if (!fresh[j]) {
                continue;
            }
            double shift = a[j] - centre;
            double s0 = 0;
            double s1 = 0;
            double total = 0;
            for (int g = 0; g < y.length; g++) {
                // (y - centre)^2 - (y - a)^2 = shift (2 y - centre - a)
                double weight = w[g] * Math.exp(inv * shift * (2 * y[g] - centre - a[j]));
                s0 += weight * f[g];
                s1 += weight * f1[g];
                total += weight;
            }
            v[0][j] = s0 / total;
            v[1][j] = s1 / total;
        }
    }

    /** One pair-rule quadrature for both psi(a) and psi'(a). */
    private void smooth(double a, double[] out) {
        double[] e = new double[3];
        if (r == 0) {
            phi.evaluate(a, e);
            out[0] = e[0];
            out[1] = e[1];
            return;
        }
        QuadratureRule rule = RULE.rule(a, r, breaks, GaussianQuadrature.GRADING_BASE, width);
        double[] y = rule.points();
        double[] w = rule.weights();
        double s0 = 0;
        double s1 = 0;
        double total = 0;
        for (int k = 0; k < y.length; k++) {
            phi.evaluate(y[k], e);
            s0 += w[k] * e[0];
            s1 += w[k] * e[1];
            total += w[k];
        }
        // the weights of a rule far from the origin (|a| >> r) sum to 1 only within ~|a| ulp / r;
        // their exact sum is 1 - 2e-19 (tails beyond 9 sd), so normalizing removes that error
        out[0] = s0 / total;
        out[1] = s1 / total;
    }
}
