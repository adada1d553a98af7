package dev.eoc.core.diagnostics;

/**
 * What a probe measured at one hidden layer l of a real network: the empirical pre-activation
 * variance q_l = mean over probe inputs of |h^l|^2 / N_l, the mean pair correlation c_l = mean over
 * probe pairs of h_a . h_b / (|h_a| |h_b|) (the empirical counterparts of Poole et al. 2016, eqs. 3
 * and 5), the L2 norm of the layer's weight gradient, and the layer's empirical initialization
 * variances sigma_w^2 = fan_in Var(W) and sigma_b^2 = Var(b).
 *
 * <p>Measured values may be NaN or infinite (that is what the diagnosis looks for), so only the
 * layer index and activation are validated. {@code gradientNorm} is NaN when no gradient was
 * available (before the first backward pass) and +infinity when the gradient held NaN or infinity.
 *
 * @param layer hidden layer index, 1 for the first layer after the input
 * @param activation spec of the activation applied to these pre-activations (e.g. {@code tanh})
 * @param qEmpirical empirical q_l
 * @param cEmpirical empirical c_l
 * @param gradientNorm |dL/dW_l|_2 from the last backward pass
 * @param weightVariance fan_in Var(W_l), the empirical sigma_w^2
 * @param biasVariance Var(b_l), the empirical sigma_b^2 (0 for a layer without bias)
 */
public record LayerStatistics(
        int layer,
        String activation,
        double qEmpirical,
        double cEmpirical,
        double gradientNorm,
        double weightVariance,
        double biasVariance) {

    public LayerStatistics {
        if (layer < 1) {
            throw new IllegalArgumentException("layer index must be >= 1, got " + layer);
        }
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException(
                    "activation spec of layer " + layer + " must be given, got " + activation);
        }
    }

    /** True when every measured value other than an unavailable (NaN) gradient is finite. */
    public boolean finite() {
        return Double.isFinite(qEmpirical)
                && Double.isFinite(cEmpirical)
                && Double.isFinite(weightVariance)
                && Double.isFinite(biasVariance)
                && !Double.isInfinite(gradientNorm);
    }
}
