package dev.eoc.core.internal;

import org.apache.commons.math3.special.Erf;

/** Special functions used by activations; not API. */
public final class SpecialFunctions {

    /** 1 / sqrt(2 pi), the standard normal density at 0. */
    public static final double INV_SQRT_2PI = 0.398942280401432677939946059934381868;

    /** 2 / sqrt(pi), the derivative of erf at 0. */
    public static final double TWO_OVER_SQRT_PI = 1.12837916709551257389615890312154517;

    private static final double INV_SQRT_2 = 0.707106781186547524400844362104849039;

    private SpecialFunctions() {}

    /** erf(x), accurate to about 1e-15 (Commons Math regularized incomplete gamma). */
    public static double erf(double x) {
        return Erf.erf(x);
    }

    /** Standard normal CDF Phi(x) = erfc(-x / sqrt 2) / 2, accurate in both tails. */
    public static double normalCdf(double x) {
        return 0.5 * Erf.erfc(-x * INV_SQRT_2);
    }

    /** Standard normal density exp(-x^2/2) / sqrt(2 pi). */
    public static double normalPdf(double x) {
        return INV_SQRT_2PI * Math.exp(-0.5 * x * x);
    }

    /** Logistic sigmoid 1 / (1 + e^-x), without overflow for large |x|. */
    public static double sigmoid(double x) {
        if (x >= 0) {
            return 1.0 / (1.0 + Math.exp(-x));
        }
        double e = Math.exp(x);
        return e / (1.0 + e);
    }

    /** softplus log(1 + e^x), without overflow and accurate for large negative x. */
    public static double softplus(double x) {
        return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
    }
}
