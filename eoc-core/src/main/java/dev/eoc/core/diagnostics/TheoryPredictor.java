package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.Activation;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import java.util.Arrays;
import java.util.List;

/**
 * Mean-field prediction of q_l and c_l for a network with the given per-layer activations and
 * per-layer (empirical) initialization variances, i.e. for the network's actual weights rather than
 * the values it was initialized with.
 *
 * <p>The first layer is linear in the input x: q_1 = sigma_b,1^2 + sigma_w,1^2 q_0 and c_1 =
 * (sigma_b,1^2 + sigma_w,1^2 q_0 c_0) / q_1, where q_0 = |x|^2 / d and c_0 is the inputs'
 * correlation (two inputs of equal norm). Then h^{l+1} = W^{l+1} phi_l(h^l) + b^{l+1} gives q_{l+1}
 * = F_l(q_l) and c_{l+1} = f_l(q_l, c_l) with the maps of {@link MeanField} for activation phi_l
 * and the variances of layer l + 1 (Poole et al. 2016, eqs. 3 and 5). The per-transition gain chi_1
 * at layer l is sigma_w,l+1^2 E[phi_l'(sqrt(q_l) Z)^2] (Schoenholz et al. 2017, eq. 5).
 *
 * <p>Accuracy is that of {@link MeanField} (1e-12); the prediction itself is exact only for
 * infinite width and independent Gaussian weights. Once a layer has unusable variances (NaN, zero
 * weight variance) or the variance diverges, that layer and all later ones are predicted as NaN.
 */
public final class TheoryPredictor {

    private TheoryPredictor() {}

    /**
     * The prediction for L = activations.size() layers.
     *
     * @param q0 input second moment |x|^2 / d, &gt; 0
     * @param c0 input correlation in [-1, 1]
     * @param activations phi_l applied after layer l, l = 1..L
     * @param variances empirical (sigma_w^2, sigma_b^2) of layer l, l = 1..L; each entry must be a
     *     pair {weightVariance, biasVariance} (NaN allowed; makes the rest NaN)
     */
    public static Prediction predict(
            double q0, double c0, List<Activation> activations, List<double[]> variances) {
        int depth = activations.size();
        if (depth == 0 || variances.size() != depth) {
            throw new IllegalArgumentException(
                    "need one activation and one variance pair per layer, got "
                            + depth
                            + " and "
                            + variances.size());
        }
        if (!(q0 > 0) || Double.isInfinite(q0)) {
            throw new IllegalArgumentException("input second moment q0 must be > 0, got " + q0);
        }
        if (!(c0 >= -1 && c0 <= 1)) {
            throw new IllegalArgumentException(
                    "input correlation c0 must be in [-1, 1], got " + c0);
        }
        double[] q = new double[depth + 1];
        double[] c = new double[depth + 1];
        double[] chi = new double[depth + 1];
        Arrays.fill(q, Double.NaN);
        Arrays.fill(c, Double.NaN);
        Arrays.fill(chi, Double.NaN);
        q[0] = q0;
        c[0] = c0;
        try {
            InitVariances first = variancesOf(variances.get(0));
            q[1] = first.biasVariance() + first.weightVariance() * q0;
            c[1] = clamp((first.biasVariance() + first.weightVariance() * q0 * c0) / q[1]);
            for (int l = 1; l < depth; l++) {
                MeanField map = MeanField.of(activations.get(l - 1), variancesOf(variances.get(l)));
                chi[l] = map.chi1(q[l]);
                q[l + 1] = map.varianceMap(q[l]);
                if (!(q[l + 1] > 0) || q[l + 1] > MeanField.DIVERGENCE_BOUND) {
                    q[l + 1] = Double.NaN;
                    break;
                }
                c[l + 1] = clamp(map.covariance(q[l], c[l]) / q[l + 1]);
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // unusable variances or a diverging expectation: the rest of the prediction stays NaN
        }
        return new Prediction(q, c, chi);
    }

    private static InitVariances variancesOf(double[] pair) {
        if (pair.length != 2) {
            throw new IllegalArgumentException("variance pair must have 2 entries");
        }
        return new InitVariances(pair[0], pair[1]);
    }

    /** Correlations lie in [-1, 1] by Cauchy-Schwarz; clamp rounding excursions (NaN stays). */
    private static double clamp(double c) {
        return Double.isNaN(c) ? c : Math.max(-1, Math.min(1, c));
    }

    /**
     * Predicted q_l, c_l (index 0 = input) and chi_1 per transition (index l = layer l to l + 1;
     * NaN at 0 and L).
     */
    public record Prediction(double[] q, double[] c, double[] chi1) {
        public Prediction {
            if (q.length != c.length || q.length != chi1.length) {
                throw new IllegalArgumentException("q, c and chi1 must have the same length");
            }
            q = q.clone();
            c = c.clone();
            chi1 = chi1.clone();
        }

        @Override
        public double[] q() {
            return q.clone();
        }

        @Override
        public double[] c() {
            return c.clone();
        }

        @Override
        public double[] chi1() {
            return chi1.clone();
        }
    }
}
