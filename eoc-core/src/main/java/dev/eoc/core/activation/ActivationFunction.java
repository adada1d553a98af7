package dev.eoc.core.activation;

/**
 * A scalar activation function phi with its first two derivatives and its non-smooth points.
 *
 * <p>Mean-field theory needs phi (variance and correlation maps), phi' (chi_1 and the correlation
 * slope) and phi'' (the convergence rate beta_q on the Edge of Chaos, Hayou et al. 2019, Prop. 3).
 * At a point where a derivative jumps, implementations return the one-sided value from the right;
 * such points must be listed in {@link #breakpoints()} so that Gaussian expectations can be split
 * there (plain Gauss-Hermite loses accuracy across a kink).
 *
 * <p>Implementations are immutable and thread-safe.
 */
public interface ActivationFunction {

    /** phi(x). */
    double value(double x);

    /** phi'(x); at a kink, the derivative from the right. */
    double derivative(double x);

    /** phi''(x), the almost-everywhere second derivative (Dirac masses at kinks are ignored). */
    double secondDerivative(double x);

    /**
     * Points where phi' is discontinuous (the kinks), sorted ascending. ReLU-like activations,
     * hard-tanh, ELU with alpha != 1 and SELU have kinks; smooth activations have none.
     */
    default double[] kinks() {
        return new double[0];
    }

    /**
     * Points where phi, phi' or phi'' is discontinuous, sorted ascending: a superset of {@link
     * #kinks()}. ELU(1) has a breakpoint at 0 (phi'' jumps) but no kink.
     */
    default double[] breakpoints() {
        return kinks();
    }

    /** True when phi' is continuous, so that phi'' is a function and beta_q is defined. */
    default boolean hasContinuousDerivative() {
        return kinks().length == 0;
    }

    /**
     * Half-width w of a strip |Im x| &lt; w around the real axis in which phi extends analytically,
     * or 0 when unknown or phi is not analytic (kinks, user lambdas). Quadrature uses it to choose
     * Gauss-Hermite, whose error for a Gaussian of standard deviation sd decays like exp(-2 (w /
     * sd) sqrt(n)); tanh has poles at &plusmn; i pi/2, so w = pi/2.
     */
    default double analyticHalfWidth() {
        return 0;
    }

    /**
     * Writes phi(x), phi'(x), phi''(x) into out[0..2]; implementations share work between the three
     * (one tanh for all of them).
     */
    default void evaluate(double x, double[] out) {
        out[0] = value(x);
        out[1] = derivative(x);
        out[2] = secondDerivative(x);
    }

    /** The textual spec that {@link Activations#parse(String)} maps back to this activation. */
    String spec();
}
