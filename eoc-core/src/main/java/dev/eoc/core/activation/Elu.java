package dev.eoc.core.activation;

/**
 * Scaled exponential linear unit phi(x) = scale x for x &gt; 0, scale alpha (e^x - 1) otherwise.
 *
 * <p>scale = 1 gives ELU (Clevert et al. 2016); scale = {@link #SELU_SCALE}, alpha = {@link
 * #SELU_ALPHA} gives SELU (Klambauer et al. 2017). phi' is continuous only when alpha = 1, so only
 * then is beta_q defined; otherwise there is a kink at 0.
 *
 * @param alpha negative-side saturation, finite and &gt; 0
 * @param scale overall scale, finite and &gt; 0
 */
public record Elu(double alpha, double scale) implements ActivationFunction {

    /** SELU's lambda, from Klambauer et al. 2017, eq. 14 (as used by PyTorch, DL4J). */
    public static final double SELU_SCALE = 1.0507009873554804934193349852946;

    /** SELU's alpha, from Klambauer et al. 2017, eq. 14. */
    public static final double SELU_ALPHA = 1.6732632423543772848170429916717;

    private static final double[] ZERO = {0.0};

    public Elu {
        if (!(alpha > 0) || Double.isInfinite(alpha)) {
            throw new IllegalArgumentException("elu alpha must be finite and > 0, got " + alpha);
        }
        if (!(scale > 0) || Double.isInfinite(scale)) {
            throw new IllegalArgumentException("elu scale must be finite and > 0, got " + scale);
        }
    }

    @Override
    public double value(double x) {
        return x > 0 ? scale * x : scale * alpha * Math.expm1(x);
    }

    @Override
    public double derivative(double x) {
        return x >= 0 ? scale : scale * alpha * Math.exp(x);
    }

    @Override
    public double secondDerivative(double x) {
        return x >= 0 ? 0.0 : scale * alpha * Math.exp(x);
    }

    /** One expm1 for phi, phi' and phi'' on the negative side. */
    @Override
    public void evaluate(double x, double[] out) {
        if (x >= 0) {
            out[0] = scale * x;
            out[1] = scale;
            out[2] = 0.0;
            return;
        }
        double em1 = Math.expm1(x);
        double e = scale * alpha * (em1 + 1.0);
        out[0] = scale * alpha * em1;
        out[1] = e;
        out[2] = e;
    }

    @Override
    public double[] kinks() {
        return alpha * scale == scale ? new double[0] : ZERO.clone();
    }

    @Override
    public double[] breakpoints() {
        return ZERO.clone();
    }

    /** True for the SELU constants. */
    public boolean isSelu() {
        return alpha == SELU_ALPHA && scale == SELU_SCALE;
    }

    @Override
    public String spec() {
        if (isSelu()) {
            return "selu";
        }
        return scale == 1.0
                ? "elu(" + SpecFormat.number(alpha) + ")"
                : "scaled_elu(" + SpecFormat.number(alpha) + "," + SpecFormat.number(scale) + ")";
    }
}
