package dev.eoc.core.gaussian;

import org.apache.commons.math3.analysis.integration.gauss.GaussIntegrator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Gauss-Hermite rules for E[g(mean + sd Z)], Z ~ N(0, 1), chosen by the strip of analyticity.
 *
 * <p>For g analytic in |Im x| &lt; w, the n-point rule's error decays like exp(-a (w / sd)
 * sqrt(n)); theory gives a = 2 asymptotically, but the measured rate for tanh (poles at &plusmn; i
 * pi/2) at sd in [0.3, 1] and n in [16, 100] is a = 1.2 to 1.4, so {@link #RATE} = 1.1 is used. The
 * rule with the fewest points among {@link #SIZES} whose estimate is below exp(-{@value #EXPONENT})
 * (about 1.7e-15) is used; none qualifies when w / sd &lt; 34 / (1.1 sqrt 80) = 3.5, and callers
 * then fall back to composite Gauss-Legendre.
 */
final class GaussHermite {

    /** Target exponent: exp(-34) ~ 1.7e-15, a few ulps of an O(1) expectation. */
    static final double EXPONENT = 34.0;

    /** Conservative convergence rate constant, below the measured 1.2 - 1.4 for tanh. */
    static final double RATE = 1.1;

    /** Available rule sizes. */
    static final int[] SIZES = {16, 24, 32, 48, 64, 80};

    private static final double[][] NODES = new double[SIZES.length][];
    private static final double[][] WEIGHTS = new double[SIZES.length][];

    static {
        GaussIntegratorFactory factory = new GaussIntegratorFactory();
        for (int k = 0; k < SIZES.length; k++) {
            GaussIntegrator gh = factory.hermite(SIZES[k]);
            NODES[k] = new double[SIZES[k]];
            WEIGHTS[k] = new double[SIZES[k]];
            for (int i = 0; i < SIZES[k]; i++) {
                // physicists' weight exp(-t^2): z = sqrt(2) t, weight / sqrt(pi)
                NODES[k][i] = Math.sqrt(2) * gh.getPoint(i);
                WEIGHTS[k][i] = gh.getWeight(i) / Math.sqrt(Math.PI);
            }
        }
    }

    private GaussHermite() {}

    /** Index into {@link #SIZES} of the smallest adequate rule, or -1 when none is. */
    static int choose(double analyticHalfWidth, double sd) {
        if (!(analyticHalfWidth > 0)) {
            return -1;
        }
        double ratio = analyticHalfWidth / sd;
        for (int k = 0; k < SIZES.length; k++) {
            if (RATE * ratio * Math.sqrt(SIZES[k]) >= EXPONENT) {
                return k;
            }
        }
        return -1;
    }

    static double[] nodes(int index) {
        return NODES[index];
    }

    static double[] weights(int index) {
        return WEIGHTS[index];
    }
}
