package dev.eoc.core.activation;

/**
 * Hard tanh phi(x) = max(-1, min(1, x)), with kinks at -1 and +1.
 *
 * <p>phi'' vanishes almost everywhere, so beta_q is undefined and convergence on the Edge of Chaos
 * follows the kinked (ReLU-like) regime.
 */
public record HardTanh() implements ActivationFunction {

    private static final double[] KINKS = {-1.0, 1.0};

    @Override
    public double value(double x) {
        return Math.max(-1.0, Math.min(1.0, x));
    }

    @Override
    public double derivative(double x) {
        return x >= -1.0 && x < 1.0 ? 1.0 : 0.0;
    }

    @Override
    public double secondDerivative(double x) {
        return 0.0;
    }

    @Override
    public double[] kinks() {
        return KINKS.clone();
    }

    @Override
    public String spec() {
        return "hard_tanh";
    }
}
