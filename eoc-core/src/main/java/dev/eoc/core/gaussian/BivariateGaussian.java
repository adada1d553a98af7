package dev.eoc.core.gaussian;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.analysis.integration.gauss.GaussIntegratorFactory;

/**
 * Expectations E[g(u1) h(u2)] over a centred Gaussian pair with Var u1 = Var u2 = q and correlation
 * c, the integral behind the correlation map (Poole et al. 2016, eq. 5).
 *
 * <p>Computed by conditioning: u1 ~ N(0, q) on the outer rule, and given u1, u2 ~ N(c u1, q (1 -
 * c^2)) on an inner rule built for that conditional law, both from {@link GaussianQuadrature}, so
 * kinks of g and of h are panel ends in both integrals. At c = &plusmn;1 the pair is degenerate and
 * the expectation is one-dimensional. Accuracy is that of the 1-D rule on both levels, about 1e-13
 * absolute for the built-in activations at q in [1e-3, 1e2].
 */
public final class BivariateGaussian {

    /** Largest conditional sd integrated by Gauss-Hermite (see innerExpectation). */
    private static final double HERMITE_MAX_SD = 0.25;

    /** Gauss-Hermite points for narrow inner integrals. */
    private static final int HERMITE_NODES = 16;

    /** Standard-normal Gauss-Hermite nodes and weights (probabilists' form). */
    private static final double[] HERMITE_Z = new double[HERMITE_NODES];

    private static final double[] HERMITE_W = new double[HERMITE_NODES];

    static {
        var gh = new GaussIntegratorFactory().hermite(HERMITE_NODES);
        for (int k = 0; k < HERMITE_NODES; k++) {
            HERMITE_Z[k] = Math.sqrt(2) * gh.getPoint(k);
            HERMITE_W[k] = gh.getWeight(k) / Math.sqrt(Math.PI);
        }
    }

    private final GaussianQuadrature quadrature;

    private BivariateGaussian(GaussianQuadrature quadrature) {
        this.quadrature = quadrature;
    }

    /** Uses {@link GaussianQuadrature#standard()} on both levels. */
    public static BivariateGaussian standard() {
        return new BivariateGaussian(GaussianQuadrature.standard());
    }

    /** Uses the given 1-D rule on both levels. */
    public static BivariateGaussian using(GaussianQuadrature quadrature) {
        return new BivariateGaussian(quadrature);
    }

    /**
     * E[g(u1) h(u2)].
     *
     * @param q common variance, finite and &gt; 0
     * @param c correlation in [-1, 1]
     * @param gBreaks breakpoints of g
     * @param hBreaks breakpoints of h
     */
    public double expectProduct(
            DoubleUnaryOperator g,
            double[] gBreaks,
            DoubleUnaryOperator h,
            double[] hBreaks,
            double q,
            double c) {
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("variance q must be finite and > 0, got " + q);
        }
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation c must be in [-1, 1], got " + c);
        }
        double sd = Math.sqrt(q);
        double condSd = sd * Math.sqrt((1 - c) * (1 + c));
        if (condSd == 0) {
            return quadrature.expect(
                    x -> g.applyAsDouble(x) * h.applyAsDouble(c * x),
                    0,
                    sd,
                    outerCentres(gBreaks, hBreaks, c));
        }
        // The inner expectation smooths h over a width condSd: where c u1 crosses a breakpoint of
        // h (or the origin) it varies on that scale, so the outer panels are graded down to it.
        double scale = Math.min(GaussianQuadrature.GRADING_BASE, condSd / Math.abs(c));
        QuadratureRule outer = quadrature.rule(0, sd, outerCentres(gBreaks, hBreaks, c), scale);
        double[] x = outer.points();
        double[] w = outer.weights();
        double sum = 0;
        double comp = 0;
        for (int i = 0; i < x.length; i++) {
            double gx = g.applyAsDouble(x[i]);
            if (gx == 0) {
                continue; // ReLU-like integrands vanish on half the line
            }
            double inner = innerExpectation(h, hBreaks, c * x[i], condSd);
            double y = w[i] * gx * inner - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
        }
        return sum;
    }

    /**
     * E[h(m + sd Z)]. A narrow window clear of breakpoints is integrated by Gauss-Hermite: the
     * built-in activations are analytic at least within |Im x| &lt; pi/2 (tanh), i.e. |Im z| &gt; 2
     * pi for sd &lt;= 1/4, where {@value #HERMITE_NODES}-point Gauss-Hermite errs by less than
     * exp(-2 * 2pi * 4) ~ 1e-22.
     */
    private double innerExpectation(DoubleUnaryOperator h, double[] hBreaks, double m, double sd) {
        if (sd <= HERMITE_MAX_SD && clear(hBreaks, m, GaussianQuadrature.DEFAULT_HALF_WIDTH * sd)) {
            double sum = 0;
            for (int k = 0; k < HERMITE_Z.length; k++) {
                sum += HERMITE_W[k] * h.applyAsDouble(m + sd * HERMITE_Z[k]);
            }
            return sum;
        }
        return quadrature.expect(h, m, sd, hBreaks);
    }

    private static boolean clear(double[] breaks, double m, double halfWindow) {
        for (double b : breaks) {
            if (Math.abs(b - m) < halfWindow) {
                return false;
            }
        }
        return true;
    }

    /** Where the outer integrand bends: g's breakpoints and the u1 where c u1 hits h's. */
    private static double[] outerCentres(double[] gBreaks, double[] hBreaks, double c) {
        if (c == 0) {
            return gBreaks;
        }
        double[] all = new double[gBreaks.length + hBreaks.length];
        System.arraycopy(gBreaks, 0, all, 0, gBreaks.length);
        for (int i = 0; i < hBreaks.length; i++) {
            all[gBreaks.length + i] = hBreaks[i] / c;
        }
        return all;
    }
}
