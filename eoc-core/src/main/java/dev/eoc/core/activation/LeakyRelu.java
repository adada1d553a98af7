package dev.eoc.core.activation;

/**
 * Leaky ReLU phi(x) = x for x &gt; 0, alpha x otherwise; alpha = 0 is ReLU, alpha = 1 is linear.
 *
 * <p>These activations are positively homogeneous (phi(a x) = a phi(x) for a &gt; 0), so every
 * Gaussian expectation has a closed form (the arc-cosine kernel of Cho &amp; Saul 2009) and the
 * Edge of Chaos reduces to the single point sigma_b = 0, sigma_w^2 = 2 / (1 + alpha^2) (Hayou et
 * al. 2019, Prop. 1).
 *
 * @param alpha slope for negative inputs, finite
 */
public record LeakyRelu(double alpha) implements ActivationFunction {

    private static final double[] KINK_AT_ZERO = {0.0};

    public LeakyRelu {
        if (!Double.isFinite(alpha)) {
            throw new IllegalArgumentException(
                    "leaky_relu slope alpha must be a finite number, got " + alpha);
        }
    }

    @Override
    public double value(double x) {
        return x > 0 ? x : alpha * x;
    }

    @Override
    public double derivative(double x) {
        return x >= 0 ? 1.0 : alpha;
    }

    @Override
    public double secondDerivative(double x) {
        return 0.0;
    }

    @Override
    public double[] kinks() {
        return alpha == 1.0 ? new double[0] : KINK_AT_ZERO.clone();
    }

    /** True for alpha = 0 (plain ReLU). */
    public boolean isRelu() {
        return alpha == 0.0;
    }

    @Override
    public String spec() {
        if (alpha == 0.0) {
            return "relu";
        }
        if (alpha == 1.0) {
            return "linear";
        }
        return "leaky_relu(" + SpecFormat.number(alpha) + ")";
    }
}
