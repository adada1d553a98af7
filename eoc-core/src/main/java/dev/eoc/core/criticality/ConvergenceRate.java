package dev.eoc.core.criticality;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.LeakyRelu;

/**
 * Asymptotic rate at which correlations approach 1 on the Edge of Chaos: the predicted 1 - c_l for
 * large l (Hayou, Doucet &amp; Rousseau 2019, section 3).
 *
 * <ul>
 *   <li>Smooth activations (phi' continuous): 1 - c_l ~ beta_q / l with beta_q = 2 E[phi'^2] / (q*
 *       E[phi''^2]) (Prop. 3).
 *   <li>Leaky ReLU with slope alpha &lt; 1: near c = 1 the correlation map is f(c) = c + kappa (1 -
 *       c)^(3/2) + ..., kappa = rho 4 sqrt(2) / (3 pi), rho = (1 - alpha)^2 / (2 (1 + alpha^2))
 *       (from the arc-cosine kernel), so 1 - c_l ~ 4 / (kappa^2 l^2) = 9 pi^2 / (8 rho^2 l^2); for
 *       ReLU (rho = 1/2) this is the paper's 9 pi^2 / (2 l^2).
 *   <li>Other kinked activations also converge like 1/l^2, with a constant not computed here: NaN.
 * </ul>
 */
public final class ConvergenceRate {

    private ConvergenceRate() {}

    /**
     * The predicted 1 - c_l at layer l &gt;= 1 for the EOC point {@code point} of {@code
     * activation}; NaN where no closed form is known (kinked activations other than leaky ReLU, and
     * the identity, whose correlations do not move).
     */
    public static double correlationGap(ActivationFunction activation, EocPoint point, int layer) {
        if (layer < 1) {
            throw new IllegalArgumentException("layer must be >= 1, got " + layer);
        }
        if (activation instanceof LeakyRelu leaky) {
            double alpha = leaky.alpha();
            if (alpha == 1) {
                return Double.NaN;
            }
            double rho = (1 - alpha) * (1 - alpha) / (2 * (1 + alpha * alpha));
            return 9 * Math.PI * Math.PI / (8 * rho * rho * (double) layer * layer);
        }
        return point.betaQ() / layer; // NaN for kinked activations
    }
}
