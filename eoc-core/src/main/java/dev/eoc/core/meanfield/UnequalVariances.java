package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.gaussian.BivariateGaussian;
import dev.eoc.core.gaussian.GaussianQuadrature;
import dev.eoc.core.gaussian.Integrand;

/**
 * E[phi(u1) phi(u2)] for a centred Gaussian pair with Var u1 = q1, Var u2 = q2 and correlation c,
 * by quadrature over a standard pair: u_i = sqrt(q_i) z_i with (z1, z2) of unit variances and
 * correlation c, so the integrand phi(sqrt(q1) x) phi(sqrt(q2) y) has its kinks at the activation's
 * breakpoints divided by sqrt(q_i), where the panels of {@link BivariateGaussian} are split (Poole
 * et al. 2016, eq. 5, without the equal-norm assumption).
 *
 * <p>The rule has 8 Gauss-Legendre points per panel and panels up to 2.5 sd, on both levels: about
 * 1e-11 relative on the closed-form kernels (the pair rule of the equal-variance maps, 10 points
 * and 2 sd, is reached at about twice the cost; a probe does not need it). A zero variance makes
 * its factor the constant phi(0).
 */
final class UnequalVariances {

    /** 8 points per panel and 2.5 sd panels: ~1e-11 on closed-form kernels (see above). */
    private static final GaussianQuadrature RULE =
            GaussianQuadrature.of(8, GaussianQuadrature.DEFAULT_HALF_WIDTH, 2.5);

    private static final BivariateGaussian PAIR = BivariateGaussian.using(RULE);

    /**
     * 5 points per panel, panels up to 3 sd, +-7 sd: within 1e-6 of {@link #RULE} for the built-in
     * activations (UnequalVariancesTest), a third of its cost (about 50 us a pair for tanh on the
     * project's VM, against 180 us).
     */
    private static final GaussianQuadrature COARSE_RULE = GaussianQuadrature.of(6, 8, 3);

    private static final BivariateGaussian COARSE_PAIR = BivariateGaussian.using(COARSE_RULE);

    private UnequalVariances() {}

    static double product(ActivationFunction phi, double q1, double q2, double c, boolean coarse) {
        Arguments.checkPair(q1, q2, c);
        if (q1 == 0 || q2 == 0) {
            double other = Math.max(q1, q2);
            double mean =
                    other == 0
                            ? phi.value(0)
                            : RULE.expect(phi::value, 0, Math.sqrt(other), phi.breakpoints());
            return phi.value(0) * mean;
        }
        // a degenerate pair (c = +-1) is a 1-D integral: the fine rule costs little there
        BivariateGaussian pair =
                Math.abs(c) == 1 ? BivariateGaussian.standard() : coarse ? COARSE_PAIR : PAIR;
        return pair.expectProduct(scaled(phi, Math.sqrt(q1)), scaled(phi, Math.sqrt(q2)), 1, c);
    }

    /** x -&gt; phi(s x): breakpoints and the analytic strip shrink by 1/s. */
    private static Integrand scaled(ActivationFunction phi, double s) {
        double[] breaks = phi.breakpoints().clone(); // implementations may share the array
        for (int i = 0; i < breaks.length; i++) {
            breaks[i] /= s;
        }
        double width = breaks.length == 0 ? phi.analyticHalfWidth() / s : 0;
        return new Integrand(x -> phi.value(s * x), breaks, width);
    }
}
