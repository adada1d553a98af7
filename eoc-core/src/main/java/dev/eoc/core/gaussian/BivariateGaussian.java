package dev.eoc.core.gaussian;

/**
 * Expectations E[g(u1) h(u2)] over a centred Gaussian pair with Var u1 = Var u2 = q and correlation
 * c, the integral behind the correlation map (Poole et al. 2016, eq. 5).
 *
 * <p>Computed by conditioning: u1 ~ N(0, q) on the outer rule, and given u1, u2 ~ N(c u1, q (1 -
 * c^2)) on an inner rule built for that conditional law, both from {@link GaussianQuadrature}, so
 * kinks of g and of h are panel ends in both integrals, and Gauss-Hermite is used on a level whose
 * integrand is analytic in a wide enough strip (see {@link GaussianQuadrature}). At c = &plusmn;1
 * the pair is degenerate and the expectation is one-dimensional. Accuracy is that of the 1-D rule
 * on both levels, about 1e-13 absolute for the built-in activations at q in [1e-3, 1e2].
 */
public final class BivariateGaussian {

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
     * @param g first factor
     * @param h second factor
     */
    public double expectProduct(Integrand g, Integrand h, double q, double c) {
        if (!(q > 0) || Double.isInfinite(q)) {
            throw new IllegalArgumentException("variance q must be finite and > 0, got " + q);
        }
        if (!(c >= -1 && c <= 1)) {
            throw new IllegalArgumentException("correlation c must be in [-1, 1], got " + c);
        }
        double sd = Math.sqrt(q);
        double condSd = sd * Math.sqrt((1 - c) * (1 + c));
        double[] gBreaks = g.breakpoints();
        double[] hBreaks = h.breakpoints();
        if (condSd == 0) {
            return quadrature.expect(
                    x -> g.f().applyAsDouble(x) * h.f().applyAsDouble(c * x),
                    0,
                    sd,
                    outerCentres(gBreaks, hBreaks, c));
        }
        // The inner expectation smooths h over a width condSd: where c u1 crosses a breakpoint of
        // h (or the origin) it varies on that scale, so the outer panels are graded down to it.
        double scale = Math.min(GaussianQuadrature.GRADING_BASE, condSd / Math.abs(c));
        // the smoothed inner factor is analytic wherever h is, stretched by 1/|c| in u1
        double outerWidth =
                c == 0
                        ? g.analyticHalfWidth()
                        : Math.min(g.analyticHalfWidth(), h.analyticHalfWidth() / Math.abs(c));
        QuadratureRule outer =
                quadrature.rule(0, sd, outerCentres(gBreaks, hBreaks, c), scale, outerWidth);
        double[] x = outer.points();
        double[] w = outer.weights();
        double sum = 0;
        double comp = 0;
        for (int i = 0; i < x.length; i++) {
            double gx = g.f().applyAsDouble(x[i]);
            if (gx == 0) {
                continue; // ReLU-like integrands vanish on half the line
            }
            double inner =
                    quadrature.expect(
                            h.f(),
                            c * x[i],
                            condSd,
                            hBreaks,
                            GaussianQuadrature.GRADING_BASE,
                            h.analyticHalfWidth());
            double y = w[i] * gx * inner - comp;
            double t = sum + y;
            comp = (t - sum) - y;
            sum = t;
        }
        return sum;
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
