package dev.eoc.core.meanfield;

import dev.eoc.core.activation.ActivationFunction;

/**
 * Mean-field maps of a residual fully connected network with branch scale alpha,
 *
 * <p>y^l = y^(l-1) + alpha (W^l phi(y^(l-1)) + b^l), W_ij ~ N(0, sigma_w^2 / N), b_i ~ N(0,
 * sigma_b^2),
 *
 * <p>whose pre-activation variance and covariance of two inputs follow, in the infinite-width limit
 * (W^l independent of y^(l-1), so the cross term vanishes),
 *
 * <p>q_l = q_(l-1) + alpha^2 F(q_(l-1)), C_l = C_(l-1) + alpha^2 (sigma_b^2 + sigma_w^2 E[phi(u1)
 * phi(u2)]), c_l = C_l / q_l,
 *
 * <p>with F the plain network's variance map and (u1, u2) centred Gaussian with variances q_(l-1)
 * and correlation c_(l-1) (Yang &amp; Schoenholz 2017, "Mean field residual networks: on the edge
 * of chaos", the reduced residual network; Hayou, Doucet &amp; Rousseau 2019, Prop. 1, alpha = 1;
 * alpha = 1/sqrt(L) is the "stable ResNet" scaling of Hayou et al. 2021). Unlike a plain network,
 * q_l has no fixed point: it grows every layer (geometrically for ReLU at sigma_b = 0, by the
 * factor 1 + alpha^2 sigma_w^2 / 2), and c_l converges to 1 polynomially at every (sigma_b,
 * sigma_w): the residual network always sits on an edge of chaos.
 *
 * <p>For ReLU with sigma_b = 0, c_l = (c_(l-1) + lambda g(c_(l-1))) / (1 + lambda) with lambda =
 * alpha^2 sigma_w^2 / 2 and g the arc-cosine kernel (sqrt(1 - c^2) + (pi - arccos c) c) / pi; from
 * g(c) = c + (2 sqrt 2 / (3 pi)) (1 - c)^(3/2) + o((1 - c)^(3/2)),
 *
 * <p>1 - c_l ~ gamma 9 pi^2 / (2 l^2), gamma = ((1 + lambda) / lambda)^2 = (1 + 2 / (alpha^2
 * sigma_w^2))^2,
 *
 * <p>the plain ReLU network's EOC rate (9 pi^2 / (2 l^2)) times gamma ({@link #reluGamma}), as the
 * paper's Prop. 1 states: a residual ReLU network converges like a plain one on the EOC. Accuracy:
 * that of the plain maps (1e-12 absolute for the expectations, {@link MeanField}).
 */
public final class ResidualMeanField {

    private final MeanField plain;
    private final double branchScale;

    private ResidualMeanField(MeanField plain, double branchScale) {
        this.plain = plain;
        this.branchScale = branchScale;
    }

    /**
     * The residual maps for this activation, (sigma_w^2, sigma_b^2) and branch scale alpha.
     *
     * @param activation phi
     * @param variances sigma_w^2 and sigma_b^2 of the branch's Linear layer
     * @param branchScale alpha &gt; 0 (1 for Hayou et al.'s Prop. 1, 1/sqrt(L) for a stable ResNet)
     * @return the maps
     * @throws IllegalArgumentException for alpha not finite and &gt; 0
     */
    public static ResidualMeanField of(
            ActivationFunction activation, InitVariances variances, double branchScale) {
        if (!(branchScale > 0) || Double.isInfinite(branchScale)) {
            throw new IllegalArgumentException(
                    "branch scale alpha must be finite and > 0, got "
                            + branchScale
                            + "; e.g. 1 (the paper's residual network) or 1/sqrt(depth)");
        }
        return new ResidualMeanField(MeanField.of(activation, variances), branchScale);
    }

    /** The branch scale alpha. */
    public double branchScale() {
        return branchScale;
    }

    /** The plain network's maps, which the branch applies. */
    public MeanField plain() {
        return plain;
    }

    /**
     * q_l and c_l through {@code depth} residual blocks from layer-0 variance q0 and correlation
     * c0.
     *
     * @param q0 the inputs' variance, &gt; 0
     * @param c0 their correlation, in [-1, 1]
     * @param depth number of residual blocks, &gt;= 1
     * @return the trajectory, index 0 holding (q0, c0)
     * @throws IllegalArgumentException for depth &lt;= 0, q0 not in (0, inf) or c0 not in [-1, 1]
     * @throws ArithmeticException when q_l passes {@link MeanField#DIVERGENCE_BOUND}
     */
    public Trajectory propagate(double q0, double c0, int depth) {
        if (depth <= 0) {
            throw new IllegalArgumentException("depth must be >= 1, got " + depth);
        }
        Arguments.checkPair(q0, c0);
        double a2 = branchScale * branchScale;
        double[] q = new double[depth + 1];
        double[] c = new double[depth + 1];
        q[0] = q0;
        c[0] = c0;
        for (int l = 0; l < depth; l++) {
            q[l + 1] = q[l] + a2 * plain.varianceMap(q[l]);
            if (Double.isInfinite(q[l + 1]) || q[l + 1] > MeanField.DIVERGENCE_BOUND) {
                throw new ArithmeticException(
                        "residual variance q_l passed "
                                + MeanField.DIVERGENCE_BOUND
                                + " at block "
                                + (l + 1)
                                + " (it grows every block); use a smaller branch scale (e.g."
                                + " 1/sqrt(depth)) or fewer blocks");
            }
            double covariance = c[l] * q[l] + a2 * plain.covariance(q[l], c[l]);
            c[l + 1] = Math.max(-1, Math.min(1, covariance / q[l + 1]));
        }
        return new Trajectory(q, c);
    }

    /**
     * gamma of the ReLU rate 1 - c_l ~ gamma 9 pi^2 / (2 l^2) at sigma_b = 0: (1 + 2 / (alpha^2
     * sigma_w^2))^2 (derived in the class description; Hayou, Doucet &amp; Rousseau 2019, Prop. 1).
     *
     * @param sigmaW the branch's weight standard deviation, &gt; 0
     * @param branchScale alpha &gt; 0
     * @return gamma &gt; 1
     */
    public static double reluGamma(double sigmaW, double branchScale) {
        if (!(sigmaW > 0) || !(branchScale > 0)) {
            throw new IllegalArgumentException(
                    "sigma_w and alpha must be > 0, got " + sigmaW + " and " + branchScale);
        }
        double lambda = branchScale * branchScale * sigmaW * sigmaW / 2;
        return Math.pow((1 + lambda) / lambda, 2);
    }
}
