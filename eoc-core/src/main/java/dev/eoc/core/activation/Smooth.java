package dev.eoc.core.activation;

import static dev.eoc.core.internal.SpecialFunctions.TWO_OVER_SQRT_PI;
import static dev.eoc.core.internal.SpecialFunctions.normalCdf;
import static dev.eoc.core.internal.SpecialFunctions.normalPdf;
import static dev.eoc.core.internal.SpecialFunctions.sigmoid;
import static dev.eoc.core.internal.SpecialFunctions.softplus;

import dev.eoc.core.internal.SpecialFunctions;

/**
 * Parameter-free smooth activations with closed-form first and second derivatives.
 *
 * <ul>
 *   <li>{@code tanh}: phi' = 1 - tanh^2, phi'' = -2 tanh (1 - tanh^2).
 *   <li>{@code erf}: phi' = 2/sqrt(pi) e^{-x^2}, phi'' = -2 x phi'.
 *   <li>{@code sigmoid}: s = 1/(1+e^-x), phi' = s(1-s), phi'' = s(1-s)(1-2s).
 *   <li>{@code gelu} (exact erf form, Hendrycks &amp; Gimpel 2016): x Phi(x), phi' = Phi + x phi_N,
 *       phi'' = (2 - x^2) phi_N with phi_N the normal density.
 *   <li>{@code mish} (Misra 2019): x tanh(softplus x).
 * </ul>
 */
public enum Smooth implements ActivationFunction {
    TANH("tanh", Math.PI / 2) {
        @Override
        public void evaluate(double x, double[] out) {
            double t = Math.tanh(x);
            double d = 1.0 - t * t;
            out[0] = t;
            out[1] = d;
            out[2] = -2.0 * t * d;
        }

        @Override
        public double value(double x) {
            return Math.tanh(x);
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(x);
            return 1.0 - t * t;
        }

        @Override
        public double secondDerivative(double x) {
            double t = Math.tanh(x);
            return -2.0 * t * (1.0 - t * t);
        }
    },
    // entire, but growing like exp(y^2) at Im x = y: the Gauss-Hermite bound is trusted to width 2
    ERF("erf", 2.0) {
        @Override
        public double value(double x) {
            return SpecialFunctions.erf(x);
        }

        @Override
        public double derivative(double x) {
            return TWO_OVER_SQRT_PI * Math.exp(-x * x);
        }

        @Override
        public double secondDerivative(double x) {
            return -2.0 * x * TWO_OVER_SQRT_PI * Math.exp(-x * x);
        }
    },
    SIGMOID("sigmoid", Math.PI) {
        @Override
        public void evaluate(double x, double[] out) {
            double s = sigmoid(x);
            double d = s * (1.0 - s);
            out[0] = s;
            out[1] = d;
            out[2] = d * (1.0 - 2.0 * s);
        }

        @Override
        public double value(double x) {
            return sigmoid(x);
        }

        @Override
        public double derivative(double x) {
            double s = sigmoid(x);
            return s * (1.0 - s);
        }

        @Override
        public double secondDerivative(double x) {
            double s = sigmoid(x);
            return s * (1.0 - s) * (1.0 - 2.0 * s);
        }
    },
    // entire; same budget as erf
    GELU("gelu", 2.0) {
        @Override
        public void evaluate(double x, double[] out) {
            double cdf = normalCdf(x);
            double pdf = normalPdf(x);
            out[0] = x * cdf;
            out[1] = cdf + x * pdf;
            out[2] = (2.0 - x * x) * pdf;
        }

        @Override
        public double value(double x) {
            return x * normalCdf(x);
        }

        @Override
        public double derivative(double x) {
            return normalCdf(x) + x * normalPdf(x);
        }

        @Override
        public double secondDerivative(double x) {
            return (2.0 - x * x) * normalPdf(x);
        }
    },
    MISH("mish", 3 * Math.PI / 4) {
        @Override
        public double value(double x) {
            return x * Math.tanh(softplus(x));
        }

        @Override
        public double derivative(double x) {
            double t = Math.tanh(softplus(x));
            return t + x * (1.0 - t * t) * sigmoid(x);
        }

        @Override
        public double secondDerivative(double x) {
            double t = Math.tanh(softplus(x));
            double sech2 = 1.0 - t * t;
            double s = sigmoid(x);
            return sech2 * s * (2.0 + x * (1.0 - s - 2.0 * t * s));
        }
    };

    private final String spec;
    private final double analyticHalfWidth;

    Smooth(String spec, double analyticHalfWidth) {
        this.spec = spec;
        this.analyticHalfWidth = analyticHalfWidth;
    }

    /**
     * tanh: poles at &plusmn; i pi/2; sigmoid: &plusmn; i pi; mish: tanh(softplus x) has poles at
     * log(sqrt 2) &plusmn; 3 pi i/4 (softplus x = &plusmn; i pi/2); erf and gelu are entire.
     */
    @Override
    public double analyticHalfWidth() {
        return analyticHalfWidth;
    }

    @Override
    public String spec() {
        return spec;
    }
}
