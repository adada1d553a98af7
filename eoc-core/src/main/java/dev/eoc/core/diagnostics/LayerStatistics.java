package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import java.io.Serializable;

/**
 * What a probe measured at one hidden layer l of a real network: the empirical pre-activation
 * variance q_l = mean over probe inputs of |h^l|^2 / N_l, the mean pair correlation c_l = mean over
 * probe pairs of h_a . h_b / (|h_a| |h_b|) (the empirical counterparts of Poole et al. 2016, eqs. 3
 * and 5) with each pair's own value, the L2 norm of the layer's weight gradient, the layer's
 * empirical initialization variances sigma_w^2 = fan_in Var(W) and sigma_b^2 = Var(b), and how many
 * of its units are inactive ({@link UnitActivity}).
 *
 * <p>Measured values may be NaN or infinite (that is what the diagnosis looks for), so only the
 * layer index, activation and width are validated. {@code gradientNorm} is the norm of the gradient
 * of the batch's <em>mean</em> loss (the per-example mean, as DJL's and DL4J's losses are
 * averaged); it is NaN when no gradient was available (before the first backward pass, or a
 * training loop that does not hand it over) and +infinity when the gradient held NaN or infinity.
 * Fields that a caller did not measure are NaN ({@code width} 0, {@code pairCorrelations} empty).
 *
 * @param layer hidden layer index, 1 for the first layer after the input
 * @param activation spec of the activation applied to these pre-activations (e.g. {@code tanh})
 * @param qEmpirical empirical q_l
 * @param cEmpirical empirical c_l, the mean of {@code pairCorrelations}
 * @param gradientNorm |dL/dW_l|_2 from the last backward pass, L the batch's mean loss
 * @param weightVariance fan_in Var(W_l), the empirical sigma_w^2
 * @param biasVariance Var(b_l), the empirical sigma_b^2 (0 for a layer without bias)
 * @param width number of units N_l (0 when unknown)
 * @param pairCorrelations c_l of each probe pair, in probe order (empty when unknown)
 * @param activity how many units sit in the activation's flat region ({@link UnitActivity#UNKNOWN}
 *     when not measured)
 */
public record LayerStatistics(
        int layer,
        String activation,
        double qEmpirical,
        double cEmpirical,
        double gradientNorm,
        double weightVariance,
        double biasVariance,
        int width,
        double[] pairCorrelations,
        UnitActivity activity)
        implements Serializable {

    public LayerStatistics {
        if (layer < 1) {
            throw new IllegalArgumentException("layer index must be >= 1, got " + layer);
        }
        if (activation == null || activation.isBlank()) {
            throw new IllegalArgumentException(
                    "activation spec of layer " + layer + " must be given, got " + activation);
        }
        if (width < 0) {
            throw new IllegalArgumentException(
                    "width of layer " + layer + " must be >= 0 (0 = unknown), got " + width);
        }
        pairCorrelations = pairCorrelations == null ? new double[0] : pairCorrelations.clone();
        activity = activity == null ? UnitActivity.UNKNOWN : activity;
    }

    /** Statistics without width, per-pair correlations or unit activity (all unknown). */
    public LayerStatistics(
            int layer,
            String activation,
            double qEmpirical,
            double cEmpirical,
            double gradientNorm,
            double weightVariance,
            double biasVariance) {
        this(
                layer,
                activation,
                qEmpirical,
                cEmpirical,
                gradientNorm,
                weightVariance,
                biasVariance,
                0,
                new double[0],
                UnitActivity.UNKNOWN);
    }

    /**
     * Measures everything from the layer's pre-activations, the same way for every framework.
     *
     * @param rows pre-activations h^l of the probe rows, in pairs (0, 1), (2, 3), ...
     * @param after the activation applied to them
     * @param flat its flat region ({@link FlatRegion#of}, computed once per activation)
     */
    public static LayerStatistics measure(
            int layer,
            ActivationFunction after,
            FlatRegion flat,
            float[][] rows,
            double gradientNorm,
            double weightVariance,
            double biasVariance) {
        double[] pairs = EmpiricalStatistics.pairCorrelations(rows);
        UnitActivity activity = UnitActivity.of(flat, rows);
        return new LayerStatistics(
                layer,
                after.spec(),
                EmpiricalStatistics.meanSquare(rows),
                mean(pairs),
                gradientNorm,
                weightVariance,
                biasVariance,
                rows[0].length,
                pairs,
                activity);
    }

    /** A copy with another gradient norm (for training loops that hand gradients over later). */
    public LayerStatistics withGradientNorm(double norm) {
        return new LayerStatistics(
                layer,
                activation,
                qEmpirical,
                cEmpirical,
                norm,
                weightVariance,
                biasVariance,
                width,
                pairCorrelations,
                activity);
    }

    /**
     * A copy with another width: the number of independent units, which for a convolution is its
     * number of filters (each one draw of the weights, shared by every position), not the size of
     * its flattened output.
     */
    public LayerStatistics withWidth(int units) {
        return new LayerStatistics(
                layer,
                activation,
                qEmpirical,
                cEmpirical,
                gradientNorm,
                weightVariance,
                biasVariance,
                units,
                pairCorrelations,
                activity);
    }

    @Override
    public double[] pairCorrelations() {
        return pairCorrelations.clone();
    }

    /**
     * True when the network computed no NaN or infinity here: q_l, the variances and the gradient
     * (unless not measured: NaN) are finite. A NaN c_l alone is not counted: with q_l finite no
     * entry was NaN or infinite, so c_l is undefined because a probe row is exactly zero (every
     * unit of a dead ReLU layer), a vanishing signal rather than a numerical failure.
     */
    public boolean finite() {
        return Double.isFinite(qEmpirical)
                && Double.isFinite(weightVariance)
                && Double.isFinite(biasVariance)
                && !Double.isInfinite(gradientNorm);
    }

    static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return x.length == 0 ? Double.NaN : s / x.length;
    }
}
