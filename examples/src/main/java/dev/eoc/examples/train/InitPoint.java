package dev.eoc.examples.train;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.VarianceFixedPoint;

/**
 * The initialization a run uses, resolved from its {@link InitScheme} with eoc-core.
 *
 * <p>Weights W_ij ~ N(0, sigma_w^2 / fan-in), biases N(0, sigma_b^2), in every layer including the
 * output layer. Inputs are pixel / 255 times {@code inputScale} = sqrt(q*), as in the paper's
 * experiments (Hayou et al. 2019, section 5). This does not put the first layer at q*: MNIST's
 * pixel / 255 has a mean square of about 0.1, so q_1 = sigma_b^2 + sigma_w^2 * 0.1 * q* is well
 * below q* (0.12 against 0.51 for tanh) and q_l approaches q* over the first layers, which the
 * listener shows. For ReLU-like activations every q is a fixed point on the EOC and the inputs are
 * not scaled ({@code inputScale} = 1, q* = NaN). For {@link InitScheme#DEFAULT} the framework's
 * initializer is used and the inputs are not scaled; sigma_b and sigma_w then describe what that
 * initializer amounts to on a hidden width x width layer: DJL's default weight initializer is
 * Xavier Gaussian with factor fan-in and magnitude 2, i.e. N(0, 2 / fan_in) (sigma_w = sqrt 2),
 * DL4J's default XAVIER is N(0, 2 / (fan_in + fan_out)) (sigma_w = 1); both start biases at 0.
 *
 * @param scheme the scheme
 * @param sigmaB bias standard deviation
 * @param sigmaW weight standard deviation
 * @param qStar variance fixed point reached from q = 1 (NaN where every q is fixed, or when q_l
 *     vanishes or diverges)
 * @param chiQ slope of the variance map at q* (NaN where undefined); an EOC point with chi_q &gt;=
 *     1 is unstable
 * @param inputScale factor applied to pixel / 255
 * @param source where the numbers come from, in words
 */
public record InitPoint(
        InitScheme scheme,
        double sigmaB,
        double sigmaW,
        double qStar,
        double chiQ,
        double inputScale,
        String source) {

    /** The ordered-phase point of the paper's baseline. */
    public static final double ORDERED_SIGMA = 1.0;

    public InitPoint {
        if (!(inputScale > 0) || Double.isInfinite(inputScale)) {
            throw new IllegalArgumentException(
                    "input scale must be positive and finite, got " + inputScale);
        }
    }

    /**
     * Resolves the point for an activation.
     *
     * @param sigmaB the bias std to use, or null for the scheme's default (the recommended EOC
     *     point, or 1 for the ordered phase)
     * @param sigmaW the weight std for {@link InitScheme#ORDERED} (null for 1); must be null for
     *     the EOC schemes, whose sigma_w is solved
     * @throws IllegalArgumentException when a value does not fit the scheme
     * @throws dev.eoc.core.criticality.NoEdgeOfChaosException when the activation has no EOC point
     */
    public static InitPoint resolve(
            InitScheme scheme,
            Framework framework,
            ActivationFunction activation,
            Double sigmaB,
            Double sigmaW) {
        switch (scheme) {
            case EOC, EOC_BN -> {
                if (sigmaW != null) {
                    throw new IllegalArgumentException(
                            "--sigma-w is solved on the Edge of Chaos and cannot be given with"
                                    + " --init "
                                    + scheme.id()
                                    + " (got "
                                    + sigmaW
                                    + "); use --init ordered for a point of your choice");
                }
                EdgeOfChaos eoc = EdgeOfChaos.of(activation);
                EocPoint p = sigmaB == null ? eoc.recommended() : eoc.solve(sigmaB);
                boolean everyQFixed = Double.isNaN(p.qStar());
                return new InitPoint(
                        scheme,
                        p.sigmaB(),
                        p.sigmaW(),
                        p.qStar(),
                        p.chiQ(),
                        everyQFixed ? 1.0 : Math.sqrt(p.qStar()),
                        (sigmaB == null ? "recommended" : "requested")
                                + " Edge of Chaos point, exact (eoc-core solver)");
            }
            case ORDERED -> {
                double b = sigmaB == null ? ORDERED_SIGMA : sigmaB;
                double w = sigmaW == null ? ORDERED_SIGMA : sigmaW;
                return atFixedPoint(
                        scheme,
                        activation,
                        b,
                        w,
                        true,
                        "ordered-phase point (sigma_b, sigma_w) = (" + b + ", " + w + ")");
            }
            case DEFAULT -> {
                if (sigmaB != null || sigmaW != null) {
                    throw new IllegalArgumentException(
                            "--init default uses the framework's initializer; --sigma-b and"
                                    + " --sigma-w are not allowed with it");
                }
                double w = framework == Framework.DJL ? DJL_DEFAULT_SIGMA_W : DL4J_DEFAULT_SIGMA_W;
                return atFixedPoint(
                        scheme,
                        activation,
                        0,
                        w,
                        false,
                        framework.id()
                                + " default initializer (hidden layers: sigma_w = "
                                + w
                                + ", zero biases)");
            }
            default -> throw new AssertionError(scheme);
        }
    }

    /** DJL's default weights N(0, 2 / fan_in) as a weight std. */
    public static final double DJL_DEFAULT_SIGMA_W = Math.sqrt(2);

    /** DL4J's default XAVIER weights N(0, 2 / (fan_in + fan_out)) on a square layer. */
    public static final double DL4J_DEFAULT_SIGMA_W = 1.0;

    private static InitPoint atFixedPoint(
            InitScheme scheme,
            ActivationFunction activation,
            double b,
            double w,
            boolean scaleInputs,
            String source) {
        MeanField mf = MeanField.of(activation, InitVariances.ofStd(w, b));
        VarianceFixedPoint fp = mf.varianceFixedPoint(1.0);
        boolean finite = fp.converged() && fp.q() > 0;
        double q = finite ? fp.q() : Double.NaN;
        return new InitPoint(
                scheme,
                b,
                w,
                q,
                finite ? mf.varianceMapSlope(q) : Double.NaN,
                finite && scaleInputs ? Math.sqrt(q) : 1.0,
                source);
    }

    /** Whether the framework's own initializer is used. */
    public boolean frameworkDefault() {
        return scheme == InitScheme.DEFAULT;
    }

    /**
     * An EOC point whose q* repels (chi_q &gt; 1, or chi_q = 1 at an isolated q*): q_l runs away
     * from q* in deep networks. Not a neutral point ({@link #neutral()}).
     */
    public boolean unstable() {
        return chiQ >= 1 && !neutral();
    }

    /**
     * A point of a positively homogeneous activation (ReLU, leaky ReLU, linear) on its Edge of
     * Chaos: F(q) = q for every q, so chi_q = 1 means every q is a fixed point (q* undefined), the
     * signal's scale is kept whatever it starts at (Hayou et al. 2019, Prop. 1).
     */
    public boolean neutral() {
        return chiQ == 1 && Double.isNaN(qStar);
    }
}
