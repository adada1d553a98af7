package dev.eoc.dl4j;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.activation.Elu;
import dev.eoc.core.activation.LeakyRelu;
import dev.eoc.core.activation.Swish;
import java.util.List;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationELU;
import org.nd4j.linalg.activations.impl.ActivationGELU;
import org.nd4j.linalg.activations.impl.ActivationHardTanH;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.activations.impl.ActivationMish;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSELU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationSoftPlus;
import org.nd4j.linalg.activations.impl.ActivationSwish;
import org.nd4j.linalg.activations.impl.ActivationTanH;

/**
 * Maps DL4J's {@link IActivation}s to eoc-core {@link ActivationFunction}s computing the same
 * function, and back.
 *
 * <p>The mapping follows what ND4J 1.0.0-M2.1 computes, not the activation's name: {@code
 * ActivationGELU()} (precise = false, the default) is x sigmoid(1.702 x), core's {@code
 * gelu_sigmoid}; {@code ActivationGELU(true)} is meant to be the tanh form 0.5 x (1 +
 * tanh(sqrt(2/pi) (x + 0.044715 x^3))) (Hendrycks &amp; Gimpel 2016, eq. 2) but libnd4j cubes
 * 0.044715 x, so it is mapped to its own activation, {@link #nd4jPreciseGelu()}; {@code
 * ActivationSwish} is x sigmoid(x) without beta; {@code ActivationReLU} with a negative slope only
 * is a leaky ReLU. Each mapping is checked numerically against ND4J's output at many points in the
 * tests (agreement to float rounding, about 1e-6 relative).
 */
public final class Dl4jActivations {

    /** sqrt(2 / pi), the tanh-GELU's inner scale. */
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);

    /**
     * The coefficient of x^3 in libnd4j's PreciseGELU: it computes pow(0.044715 x, 3), i.e.
     * 0.044715^3 x^3, where the tanh GELU of Hendrycks &amp; Gimpel (2016) has 0.044715 x^3.
     */
    private static final double PRECISE_GELU_CUBIC = Math.pow(0.044715, 3);

    /** Spec of {@link #nd4jPreciseGelu()}. */
    public static final String GELU_ND4J_PRECISE = "gelu_nd4j_precise";

    private static final ActivationFunction PRECISE_GELU =
            Activations.custom(
                    GELU_ND4J_PRECISE,
                    Dl4jActivations::preciseGeluValue,
                    Dl4jActivations::preciseGeluDerivative,
                    Dl4jActivations::preciseGeluSecondDerivative);

    /** The DL4J activations this mapping understands, for error messages. */
    public static final List<String> SUPPORTED =
            List.of(
                    "ActivationReLU (plain, or with negativeSlope only)",
                    "ActivationLReLU(alpha)",
                    "ActivationELU(alpha)",
                    "ActivationSELU",
                    "ActivationTanH",
                    "ActivationSigmoid",
                    "ActivationSwish",
                    "ActivationGELU (default sigmoid form, or ND4J's precise form)",
                    "ActivationMish",
                    "ActivationSoftPlus",
                    "ActivationHardTanH",
                    "ActivationIdentity");

    private Dl4jActivations() {}

    /** Whether {@link #toCore} maps this activation (softmax, ReLU6 and the like it does not). */
    static boolean maps(IActivation dl4j) {
        try {
            toCore(dl4j);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * The core activation computing what {@code dl4j} computes.
     *
     * @throws IllegalArgumentException for an activation with no exact core counterpart (ReLU6,
     *     thresholded or clipped ReLU, RReLU, softmax, ...), naming the supported ones
     */
    public static ActivationFunction toCore(IActivation dl4j) {
        if (dl4j instanceof ActivationReLU relu) {
            return relu(relu);
        }
        if (dl4j instanceof ActivationLReLU leaky) {
            return Activations.leakyRelu(leaky.getAlpha());
        }
        if (dl4j instanceof ActivationELU elu) {
            return Activations.elu(elu.getAlpha());
        }
        if (dl4j instanceof ActivationGELU gelu) {
            return gelu.isPrecise() ? PRECISE_GELU : Activations.geluSigmoid();
        }
        ActivationFunction simple = simple(dl4j);
        if (simple != null) {
            return simple;
        }
        throw unsupported(String.valueOf(dl4j));
    }

    private static ActivationFunction simple(IActivation dl4j) {
        if (dl4j instanceof ActivationSELU) {
            return Activations.selu();
        } else if (dl4j instanceof ActivationTanH) {
            return Activations.tanh();
        } else if (dl4j instanceof ActivationSigmoid) {
            return Activations.sigmoid();
        } else if (dl4j instanceof ActivationSwish) {
            return Activations.swish();
        } else if (dl4j instanceof ActivationMish) {
            return Activations.mish();
        } else if (dl4j instanceof ActivationSoftPlus) {
            return Activations.softplus();
        } else if (dl4j instanceof ActivationHardTanH) {
            return Activations.hardTanh();
        } else if (dl4j instanceof ActivationIdentity) {
            return Activations.linear();
        }
        return null;
    }

    private static ActivationFunction relu(ActivationReLU relu) {
        boolean noMax = relu.getMax() == null;
        boolean noThreshold = relu.getThreshold() == null || relu.getThreshold() == 0.0;
        if (noMax && noThreshold) {
            Double slope = relu.getNegativeSlope();
            return slope == null || slope == 0.0
                    ? Activations.relu()
                    : Activations.leakyRelu(slope);
        }
        throw unsupported(
                "ActivationReLU(max="
                        + relu.getMax()
                        + ", threshold="
                        + relu.getThreshold()
                        + ", negativeSlope="
                        + relu.getNegativeSlope()
                        + ") (a clipped or thresholded ReLU has no Edge of Chaos in eoc-core)");
    }

    /**
     * The DL4J activation computing {@code core}, for building networks from a core spec.
     *
     * @throws IllegalArgumentException when DL4J has no such activation (e.g. erf, exact GELU,
     *     swish with beta != 1, shifted softplus)
     */
    public static IActivation toDl4j(ActivationFunction core) {
        String spec = core.spec();
        if (core instanceof LeakyRelu leaky) {
            if (leaky.alpha() == 0) {
                return new ActivationReLU();
            }
            return leaky.alpha() == 1
                    ? new ActivationIdentity()
                    : new ActivationLReLU(leaky.alpha());
        }
        if (core instanceof Elu elu && !elu.isSelu() && elu.scale() == 1) {
            return new ActivationELU(elu.alpha());
        }
        if (core instanceof Swish swish
                && (swish.beta() == 1 || swish.beta() == Swish.GELU_SIGMOID_BETA)) {
            return swish.beta() == 1 ? new ActivationSwish() : new ActivationGELU(false);
        }
        IActivation simple = simpleDl4j(spec);
        if (simple != null) {
            return simple;
        }
        throw new IllegalArgumentException(
                "DL4J has no activation computing '"
                        + spec
                        + "'; activations with a DL4J counterpart: relu, leaky_relu(alpha),"
                        + " elu(alpha), selu, tanh, sigmoid, swish, gelu_sigmoid, "
                        + GELU_ND4J_PRECISE
                        + ", mish, softplus, hard_tanh, linear");
    }

    private static IActivation simpleDl4j(String spec) {
        if (spec.equals(Activations.selu().spec())) {
            return new ActivationSELU();
        } else if (spec.equals(Activations.tanh().spec())) {
            return new ActivationTanH();
        } else if (spec.equals(Activations.sigmoid().spec())) {
            return new ActivationSigmoid();
        } else if (spec.equals(Activations.mish().spec())) {
            return new ActivationMish();
        } else if (spec.equals(Activations.softplus().spec())) {
            return new ActivationSoftPlus();
        } else if (spec.equals(Activations.hardTanh().spec())) {
            return new ActivationHardTanH();
        } else if (spec.equals(GELU_ND4J_PRECISE)) {
            return new ActivationGELU(true);
        }
        return null;
    }

    /**
     * The core activation for a spec: eoc-core's built-ins plus {@value #GELU_ND4J_PRECISE} (what
     * DL4J's {@code ActivationGELU(true)} computes).
     */
    public static ActivationFunction parse(String spec) {
        return GELU_ND4J_PRECISE.equalsIgnoreCase(spec.strip())
                ? PRECISE_GELU
                : Activations.parse(spec);
    }

    /**
     * What ND4J computes for {@code ActivationGELU(true)}: 0.5 x (1 + tanh(sqrt(2/pi) (x +
     * (0.044715 x)^3))), with exact derivatives.
     */
    public static ActivationFunction nd4jPreciseGelu() {
        return PRECISE_GELU;
    }

    private static double preciseGeluValue(double x) {
        double t = Math.tanh(SQRT_2_OVER_PI * (x + PRECISE_GELU_CUBIC * x * x * x));
        return 0.5 * x * (1 + t);
    }

    private static double preciseGeluDerivative(double x) {
        double u = SQRT_2_OVER_PI * (x + PRECISE_GELU_CUBIC * x * x * x);
        double t = Math.tanh(u);
        double du = SQRT_2_OVER_PI * (1 + 3 * PRECISE_GELU_CUBIC * x * x);
        return 0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du;
    }

    private static double preciseGeluSecondDerivative(double x) {
        double u = SQRT_2_OVER_PI * (x + PRECISE_GELU_CUBIC * x * x * x);
        double t = Math.tanh(u);
        double s = 1 - t * t;
        double du = SQRT_2_OVER_PI * (1 + 3 * PRECISE_GELU_CUBIC * x * x);
        double ddu = SQRT_2_OVER_PI * 6 * PRECISE_GELU_CUBIC * x;
        // d/dx [0.5 (1 + t) + 0.5 x s du], with ds/dx = -2 t s du
        return s * du + 0.5 * x * (-2 * t * s * du * du + s * ddu);
    }

    private static IllegalArgumentException unsupported(String what) {
        return new IllegalArgumentException(
                "no Edge-of-Chaos mapping for DL4J activation "
                        + what
                        + "; supported: "
                        + String.join(", ", SUPPORTED));
    }
}
