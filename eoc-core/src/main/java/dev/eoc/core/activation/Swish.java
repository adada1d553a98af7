package dev.eoc.core.activation;

import static dev.eoc.core.internal.SpecialFunctions.sigmoid;

/**
 * Swish phi(x) = x sigmoid(beta x) (Ramachandran et al. 2017); beta = 1 is SiLU, beta = 1.702 is
 * the sigmoid approximation of GELU that DL4J's GELU computes by default.
 *
 * <p>With s = sigmoid(beta x): phi' = s + beta x s (1 - s), phi'' = beta s (1 - s) (2 + beta x (1 -
 * 2 s)).
 *
 * @param beta slope inside the sigmoid, finite and &gt; 0
 */
public record Swish(double beta) implements ActivationFunction {

    /** The GELU approximation constant of Hendrycks &amp; Gimpel 2016, section 2. */
    public static final double GELU_SIGMOID_BETA = 1.702;

    public Swish {
        if (!(beta > 0) || Double.isInfinite(beta)) {
            throw new IllegalArgumentException("swish beta must be finite and > 0, got " + beta);
        }
    }

    @Override
    public double value(double x) {
        return x * sigmoid(beta * x);
    }

    @Override
    public double derivative(double x) {
        double s = sigmoid(beta * x);
        return s + beta * x * s * (1.0 - s);
    }

    @Override
    public double secondDerivative(double x) {
        double s = sigmoid(beta * x);
        return beta * s * (1.0 - s) * (2.0 + beta * x * (1.0 - 2.0 * s));
    }

    /** sigmoid(beta x) has poles at x = &plusmn; i pi / beta. */
    @Override
    public double analyticHalfWidth() {
        return Math.PI / beta;
    }

    @Override
    public void evaluate(double x, double[] out) {
        double s = sigmoid(beta * x);
        double d = s * (1.0 - s);
        out[0] = x * s;
        out[1] = s + beta * x * d;
        out[2] = beta * d * (2.0 + beta * x * (1.0 - 2.0 * s));
    }

    @Override
    public String spec() {
        if (beta == 1.0) {
            return "swish";
        }
        return beta == GELU_SIGMOID_BETA
                ? "gelu_sigmoid"
                : "swish(" + SpecFormat.number(beta) + ")";
    }
}
