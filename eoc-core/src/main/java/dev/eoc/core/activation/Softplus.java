package dev.eoc.core.activation;

import static dev.eoc.core.internal.SpecialFunctions.sigmoid;
import static dev.eoc.core.internal.SpecialFunctions.softplus;

/**
 * Softplus phi(x) = log(1 + e^x) - shift; shift = log 2 gives the shifted softplus with phi(0) = 0
 * that Hayou et al. 2019 (section 4) use.
 *
 * <p>phi' = sigmoid(x), phi'' = sigmoid(x)(1 - sigmoid(x)). Plain softplus has no Edge of Chaos
 * (its variance map has no finite fixed point on chi_1 = 1); the shifted one has one that is
 * unstable (chi_q &gt; 1).
 *
 * @param shifted whether log 2 is subtracted
 */
public record Softplus(boolean shifted) implements ActivationFunction {

    private static final double LOG_2 = 0.693147180559945309417232121458176568;

    @Override
    public double value(double x) {
        return shifted ? softplus(x) - LOG_2 : softplus(x);
    }

    @Override
    public double derivative(double x) {
        return sigmoid(x);
    }

    @Override
    public double secondDerivative(double x) {
        double s = sigmoid(x);
        return s * (1.0 - s);
    }

    /** log(1 + e^x) has branch points at x = &plusmn; i pi. */
    @Override
    public double analyticHalfWidth() {
        return Math.PI;
    }

    @Override
    public String spec() {
        return shifted ? "shifted_softplus" : "softplus";
    }
}
