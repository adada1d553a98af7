package dev.eoc.djl;

import ai.djl.ndarray.NDList;
import ai.djl.nn.Activation;
import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import dev.eoc.core.activation.Activations;
import java.util.Map;
import java.util.Optional;

/**
 * Activation blocks for DJL networks that remember their activation ({@link ActivationBlock}), and
 * the mapping from DJL's activation functions to eoc-core's.
 *
 * <p>Each factory runs DJL's own {@link Activation} function and records the eoc-core activation
 * computing the same phi: relu, leaky_relu(alpha), elu(alpha), selu, tanh, sigmoid, swish(beta) = x
 * sigmoid(beta x), gelu (DJL/PyTorch compute the exact erf form x Phi(x)), DJL's mish (which is x
 * tanh(log2(1 + e^x)), not Misra's mish: see {@link DjlMish}) and softplus (which has no Edge of
 * Chaos; it is here for monitoring). DJL takes alpha and beta as {@code float}; the recorded
 * activation keeps the given double, a relative difference below 6e-8 (float rounding), far below
 * what float32 training resolves.
 *
 * <p>DJL's parameter-free activation blocks ({@code Activation.tanhBlock()} etc.) are recognized by
 * name too ({@link #recognize}); the parametrized ones (LeakyReLU, ELU, Swish) cannot be, since
 * their parameter is hidden in a lambda: use the factories here or give the spec explicitly.
 */
public final class EocActivations {

    /** DJL block names of the parameter-free activations, mapped to eoc-core specs. */
    private static final Map<String, String> DJL_NAMES =
            Map.of(
                    "ReLU", "relu",
                    "sigmoid", "sigmoid",
                    "Tanh", "tanh",
                    "SELU", "selu",
                    "GELU", "gelu",
                    "Mish", DjlMish.SPEC,
                    "softPlus", "softplus");

    /** DJL block names whose parameter cannot be read back. */
    private static final Map<String, String> DJL_PARAMETRIZED =
            Map.of("LeakyReLU", "leakyRelu(alpha)", "ELU", "elu(alpha)", "Swish", "swish(beta)");

    private EocActivations() {}

    public static ActivationBlock relu() {
        return new ActivationBlock(Activation::relu, "ReLU", Activations.relu());
    }

    public static ActivationBlock leakyRelu(double alpha) {
        float a = (float) alpha;
        return new ActivationBlock(
                x -> Activation.leakyRelu(x, a), "LeakyReLU", Activations.leakyRelu(alpha));
    }

    public static ActivationBlock elu(double alpha) {
        float a = (float) alpha;
        return new ActivationBlock(x -> Activation.elu(x, a), "ELU", Activations.elu(alpha));
    }

    public static ActivationBlock selu() {
        return new ActivationBlock(Activation::selu, "SELU", Activations.selu());
    }

    public static ActivationBlock tanh() {
        return new ActivationBlock(Activation::tanh, "Tanh", Activations.tanh());
    }

    public static ActivationBlock sigmoid() {
        return new ActivationBlock(Activation::sigmoid, "sigmoid", Activations.sigmoid());
    }

    /** Swish x sigmoid(beta x); beta = 1 is SiLU. */
    public static ActivationBlock swish(double beta) {
        float b = (float) beta;
        return new ActivationBlock(x -> Activation.swish(x, b), "Swish", Activations.swish(beta));
    }

    /** GELU, exact erf form (what DJL's PyTorch engine computes). */
    public static ActivationBlock gelu() {
        return new ActivationBlock(Activation::gelu, "GELU", Activations.gelu());
    }

    /**
     * DJL's "Mish" block; note that DJL computes x tanh(log2(1 + e^x)), not Misra's x tanh(ln(1 +
     * e^x)), and the recorded activation is that function ({@code djl_mish}, see {@link DjlMish}).
     */
    public static ActivationBlock mish() {
        return new ActivationBlock(Activation::mish, "Mish", DjlMish.activation());
    }

    /** Softplus log(1 + e^x); no Edge of Chaos exists for it, but it can be monitored. */
    public static ActivationBlock softplus() {
        return new ActivationBlock(Activation::softPlus, "softPlus", Activations.softplus());
    }

    /**
     * Shifted softplus log(1 + e^x) - ln 2, the paper's S-Softplus (phi(0) = 0); its EOC points are
     * all unstable (chi_q &gt; 1), which {@code EdgeOfChaos} reports.
     */
    public static ActivationBlock shiftedSoftplus() {
        return new ActivationBlock(
                list -> new NDList(Activation.softPlus(list.singletonOrThrow()).sub(Math.log(2))),
                "shiftedSoftPlus",
                Activations.shiftedSoftplus());
    }

    /**
     * Builds the block for a spec as {@link Activations#parse} reads it (tanh, elu(0.5), ...).
     *
     * @throws IllegalArgumentException for activations DJL has no function for (e.g. erf)
     */
    public static ActivationBlock of(String spec) {
        if (spec.strip().equalsIgnoreCase(DjlMish.SPEC)) {
            return mish();
        }
        dev.eoc.core.activation.ActivationFunction a = Activations.parse(spec);
        String s = a.spec();
        String name = s.contains("(") ? s.substring(0, s.indexOf('(')) : s;
        double p =
                s.contains("(")
                        ? Double.parseDouble(s.substring(s.indexOf('(') + 1, s.length() - 1))
                        : Double.NaN;
        return switch (name) {
            case "relu" -> relu();
            case "leaky_relu" -> leakyRelu(p);
            case "elu" -> elu(Double.isNaN(p) ? 1 : p);
            case "selu" -> selu();
            case "tanh" -> tanh();
            case "sigmoid" -> sigmoid();
            case "swish", "silu" -> swish(Double.isNaN(p) ? 1 : p);
            case "gelu" -> gelu();
            case "mish" ->
                    throw new IllegalArgumentException(
                            "DJL's Mish block computes x tanh(log2(1 + e^x)), not mish = x"
                                    + " tanh(ln(1 + e^x)); ask for '"
                                    + DjlMish.SPEC
                                    + "' to use it knowingly");
            case "softplus" -> softplus();
            case "shifted_softplus" -> shiftedSoftplus();
            default ->
                    throw new IllegalArgumentException(
                            "DJL has no built-in function for activation '"
                                    + spec
                                    + "'; supported: relu, leaky_relu(alpha), elu(alpha), selu,"
                                    + " tanh, sigmoid, swish(beta), gelu, mish, softplus,"
                                    + " shifted_softplus");
        };
    }

    /**
     * The eoc-core activation a block computes: an {@link ActivationBlock}'s own, or the one of a
     * parameter-free DJL activation block recognized by name; empty for anything else.
     *
     * @throws IllegalArgumentException for DJL's LeakyReLU, ELU and Swish blocks, whose parameter
     *     cannot be read; the message says what to use instead
     */
    public static Optional<dev.eoc.core.activation.ActivationFunction> recognize(Block block) {
        if (block instanceof ActivationBlock a) {
            return Optional.of(a.activation());
        }
        if (block instanceof LambdaBlock lambda) {
            String spec = DJL_NAMES.get(lambda.getName());
            if (DjlMish.SPEC.equals(spec)) {
                return Optional.of(DjlMish.activation());
            }
            if (spec != null) {
                return Optional.of(Activations.parse(spec));
            }
            String hidden = DJL_PARAMETRIZED.get(lambda.getName());
            if (hidden != null) {
                throw new IllegalArgumentException(
                        "DJL's "
                                + lambda.getName()
                                + " block hides its parameter in a lambda; build it with"
                                + " EocActivations."
                                + hidden
                                + " or give the activation spec explicitly");
            }
        }
        return Optional.empty();
    }
}
