package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.gaussian.QuadratureRule;

/**
 * Gaussian moments of an activation at pre-activation variance q, from one quadrature pass: V =
 * E[phi^2], D = E[phi'^2], S = E[phi''^2], V' = dV/dq = E[X phi(X) phi'(X)] / q, M = E[phi], with X
 * = sqrt(q) Z, Z ~ N(0, 1).
 *
 * <p>V' is taken in its first-derivative form (Gaussian integration by parts once), which stays
 * exact for kinked activations: the second-derivative form E[phi'^2 + phi phi''] misses the Dirac
 * masses of phi'' at kinks (hard-tanh loses -2 p_q(1) there).
 *
 * <p>These are all that the variance map, chi_1, chi_q and beta_q need (Poole et al. 2016, eq. 3;
 * Schoenholz et al. 2017, eq. 5; Hayou et al. 2019, Prop. 3).
 *
 * @param q the variance
 * @param v E[phi^2]
 * @param d E[phi'^2]
 * @param s E[phi''^2] (almost-everywhere phi'')
 * @param dv dV/dq = E[X phi(X) phi'(X)] / q
 * @param m E[phi]
 * @param dd dD/dq = E[X phi'(X) phi''(X)] / q with the almost-everywhere phi'' (exact for smooth
 *     activations and for kinks at 0; it misses the jump terms of kinks elsewhere, e.g. hard-tanh,
 *     and serves only as a Newton slope)
 */
public record Moments(double q, double v, double d, double s, double dv, double m, double dd) {

    /** Computes all five moments on the nodes of one rule for N(0, q). */
    static Moments of(ActivationFunction phi, double q, QuadratureRule rule) {
        double[] x = rule.points();
        double[] w = rule.weights();
        double v = 0;
        double d = 0;
        double s = 0;
        double xff = 0;
        double xf1f2 = 0;
        double m = 0;
        double[] e = new double[3];
        for (int i = 0; i < x.length; i++) {
            phi.evaluate(x[i], e);
            double f = e[0];
            double f1 = e[1];
            double f2 = e[2];
            v += w[i] * f * f;
            d += w[i] * f1 * f1;
            s += w[i] * f2 * f2;
            xff += w[i] * x[i] * f * f1;
            xf1f2 += w[i] * x[i] * f1 * f2;
            m += w[i] * f;
        }
        return new Moments(q, v, d, s, xff / q, m, xf1f2 / q);
    }
}
