package dev.eoc.core.meanfield;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleFunction;

/**
 * The Gaussian moments of one activation ({@link Moments}: V, D, S, V', M, D') as piecewise
 * Chebyshev interpolants in s = ln q, on panels [k, k + 1] built on first use.
 *
 * <p>The moments are analytic in q for Re q &gt; 0, i.e. in the strip |Im s| &lt; pi/2, so a panel
 * of unit length converges geometrically (ratio ~6 per degree); each panel tries 17, then 33
 * Lobatto points of the exact moments and is accepted when every moment's last two Chebyshev
 * coefficients are below {@value #TOLERANCE} of its scale on the panel: its largest value, and for
 * the moments whose integrand changes sign (M, V', D') at least the size of that integrand (sqrt V,
 * sqrt(V D / q), sqrt(D S / q)), the level of the exact moments' own rounding noise; coefficients
 * that level off at a noise plateau below {@value #NOISE_LIMIT} of the scale are accepted too
 * ({@link Chebyshev#resolved}). Panels that miss that, and q outside [e^{@value #MIN_LOG},
 * e^{@value #MAX_LOG}], are left to the exact moments.
 */
final class MomentTable {

    /** Accepted interpolation error estimate, relative to each moment's scale: 10 ulps. */
    static final double TOLERANCE = 2e-15;

    /**
     * Largest rounding-noise plateau accepted, relative to the scale: where the exact moments are
     * that noisy themselves (e.g. 1 - 2 sigmoid(x) near 0 in sigmoid's phi'', at q ~ 1e-10), the
     * table is as accurate as they are.
     */
    static final double NOISE_LIMIT = 1e-10;

    /** Lowest tabulated ln q (q ~ 1e-20): the variance iteration stops at 1e-12. */
    static final int MIN_LOG = -46;

    /** Highest tabulated ln q (q ~ 1e20): the variance iteration stops near 1e13. */
    static final int MAX_LOG = 46;

    /** Degrees tried per panel (nested Lobatto sets). */
    private static final int[] DEGREES = {16, 32};

    /** Number of tabulated moments: V, D, S, V', M, D'. */
    private static final int FIELDS = 6;

    /** Placeholder for panels left to the exact moments. */
    private static final double[][] FAILED = new double[0][];

    private final DoubleFunction<Moments> exact;
    private final ConcurrentHashMap<Integer, double[][]> panels = new ConcurrentHashMap<>();

    /** Tabulates the given exact moments (called at about 20 variances per unit of ln q). */
    MomentTable(DoubleFunction<Moments> exact) {
        this.exact = exact;
    }

    /** The interpolated moments at q, or null where q is not tabulated. */
    Moments at(double q) {
        double s = Math.log(q);
        if (!(s >= MIN_LOG && s < MAX_LOG)) {
            return null;
        }
        int k = (int) Math.floor(s);
        double[][] c = panels.computeIfAbsent(k, this::build);
        if (c == FAILED) {
            return null;
        }
        double x = 2 * (s - k) - 1;
        return new Moments(
                q,
                Chebyshev.evaluate(c[0], x),
                Chebyshev.evaluate(c[1], x),
                Chebyshev.evaluate(c[2], x),
                Chebyshev.evaluate(c[3], x),
                Chebyshev.evaluate(c[4], x),
                Chebyshev.evaluate(c[5], x));
    }

    private double[][] build(int k) {
        double[][] values = null;
        for (int n : DEGREES) {
            values = values(k, n, values);
            double[] scales = scales(k, values);
            // a noise plateau only at the top degree, where an analytic moment has converged
            double noise = n == DEGREES[DEGREES.length - 1] ? NOISE_LIMIT : 0;
            double[][] c = new double[FIELDS][];
            boolean accepted = true;
            for (int f = 0; f < FIELDS; f++) {
                c[f] = Chebyshev.coefficients(values[f]);
                accepted &= Chebyshev.resolved(c[f], scales[f], TOLERANCE, noise);
            }
            if (accepted) {
                return c;
            }
        }
        return FAILED;
    }

    /** Each moment's scale on the panel (see the class comment). */
    private static double[] scales(int k, double[][] v) {
        int n = v[0].length - 1;
        double[] x = Chebyshev.points(n);
        double[] scales = new double[FIELDS];
        for (int f = 0; f < FIELDS; f++) {
            scales[f] = Chebyshev.maxAbs(v[f]);
        }
        for (int j = 0; j <= n; j++) {
            double q = Math.exp(k + 0.5 * (x[j] + 1));
            scales[3] = Math.max(scales[3], Math.sqrt(Math.abs(v[0][j] * v[1][j]) / q));
            scales[4] = Math.max(scales[4], Math.sqrt(Math.abs(v[0][j])));
            scales[5] = Math.max(scales[5], Math.sqrt(Math.abs(v[1][j] * v[2][j]) / q));
        }
        return scales;
    }

    /** The moments at the degree-n Lobatto points of [k, k + 1] in ln q. */
    private double[][] values(int k, int n, double[][] previous) {
        double[] x = Chebyshev.points(n);
        double[][] v = new double[FIELDS][n + 1];
        for (int j = 0; j <= n; j++) {
            if (previous != null && j % 2 == 0) {
                for (int f = 0; f < FIELDS; f++) {
                    v[f][j] = previous[f][j / 2];
                }
                continue;
            }
            // exact panel ends, so neighbouring panels agree there
            double q =
                    j == 0
                            ? Math.exp(k)
                            : j == n ? Math.exp(k + 1) : Math.exp(k + 0.5 * (x[j] + 1));
            Moments m = exact.apply(q);
            v[0][j] = m.v();
            v[1][j] = m.d();
            v[2][j] = m.s();
            v[3][j] = m.dv();
            v[4][j] = m.m();
            v[5][j] = m.dd();
        }
        return v;
    }
}
