package dev.eoc.core.activation;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleFunction;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Factory and parser for the built-in activations.
 *
 * <p>A spec is {@code name} or {@code name(param)}, case-insensitive, e.g. {@code tanh}, {@code
 * elu(0.5)}, {@code leaky_relu(0.2)}. Unknown names and bad parameters give an {@link
 * IllegalArgumentException} that lists what is allowed.
 */
public final class Activations {

    /** PyTorch's and DL4J's default leaky ReLU slope. */
    public static final double DEFAULT_LEAKY_SLOPE = 0.01;

    private static final Pattern SPEC =
            Pattern.compile("\\s*([a-z_]+)\\s*(?:\\(\\s*([^)]*?)\\s*\\))?\\s*");

    /** name -> factory from the optional parameter (NaN when absent). */
    private static final Map<String, Entry> REGISTRY = new TreeMap<>();

    private record Entry(
            String usage, boolean takesParameter, DoubleFunction<ActivationFunction> make) {}

    static {
        fixed("relu", relu());
        REGISTRY.put(
                "leaky_relu",
                new Entry(
                        "leaky_relu(alpha), alpha defaults to " + DEFAULT_LEAKY_SLOPE,
                        true,
                        a -> leakyRelu(Double.isNaN(a) ? DEFAULT_LEAKY_SLOPE : a)));
        REGISTRY.put(
                "elu",
                new Entry(
                        "elu(alpha), alpha > 0 defaults to 1",
                        true,
                        a -> elu(Double.isNaN(a) ? 1.0 : a)));
        fixed("selu", selu());
        fixed("tanh", tanh());
        fixed("erf", erf());
        fixed("sigmoid", sigmoid());
        REGISTRY.put(
                "swish",
                new Entry(
                        "swish(beta) = x sigmoid(beta x), beta defaults to 1",
                        true,
                        b -> swish(Double.isNaN(b) ? 1.0 : b)));
        fixed("silu", swish());
        fixed("gelu", gelu());
        fixed("gelu_sigmoid", geluSigmoid());
        fixed("softplus", softplus());
        fixed("shifted_softplus", shiftedSoftplus());
        fixed("mish", mish());
        fixed("hard_tanh", hardTanh());
        fixed("linear", linear());
    }

    private Activations() {}

    private static void fixed(String name, ActivationFunction a) {
        REGISTRY.put(name, new Entry(name, false, p -> a));
    }

    /**
     * Parses a spec such as {@code tanh} or {@code elu(0.5)}.
     *
     * @throws IllegalArgumentException for an unknown name (the message lists the known ones), a
     *     parameter given to a parameter-free activation, or a malformed parameter
     */
    public static ActivationFunction parse(String spec) {
        if (spec == null) {
            throw new IllegalArgumentException("activation spec is null; known: " + names());
        }
        Matcher m = SPEC.matcher(spec.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException(
                    "cannot parse activation '"
                            + spec
                            + "': expected name or name(param), e.g. elu(0.5); known: "
                            + names());
        }
        Entry entry = REGISTRY.get(m.group(1));
        if (entry == null) {
            throw new IllegalArgumentException(
                    "unknown activation '" + m.group(1) + "'; known: " + usages());
        }
        String param = m.group(2);
        if (param == null || param.isEmpty()) {
            return entry.make().apply(Double.NaN);
        }
        if (!entry.takesParameter()) {
            throw new IllegalArgumentException(
                    "activation '" + m.group(1) + "' takes no parameter, got '" + spec + "'");
        }
        double value;
        try {
            value = Double.parseDouble(param);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(
                    "activation '"
                            + spec
                            + "': parameter '"
                            + param
                            + "' is not a number; usage: "
                            + entry.usage(),
                    e);
        }
        return entry.make().apply(value);
    }

    /** The built-in activation names, sorted. */
    public static List<String> names() {
        return List.copyOf(REGISTRY.keySet());
    }

    private static String usages() {
        return String.join(", ", REGISTRY.values().stream().map(Entry::usage).toList());
    }

    /** ReLU, max(0, x). */
    public static ActivationFunction relu() {
        return new LeakyRelu(0.0);
    }

    /**
     * Leaky ReLU with slope alpha for x &lt; 0.
     *
     * @param alpha the negative-side slope, in [0, 1] (0 is ReLU, 1 the identity)
     * @return max(x, alpha x)
     * @throws IllegalArgumentException for a slope outside [0, 1]: a negative one makes phi
     *     non-monotone and one above 1 swaps the roles of the two sides, neither a leaky ReLU
     */
    public static ActivationFunction leakyRelu(double alpha) {
        if (!(alpha >= 0 && alpha <= 1)) {
            throw new IllegalArgumentException(
                    "leaky_relu slope alpha must be in [0, 1] (0 is relu, 1 is linear), got "
                            + alpha
                            + "; e.g. leaky_relu(0.01)");
        }
        return new LeakyRelu(alpha);
    }

    /** ELU with the given alpha &gt; 0. */
    public static ActivationFunction elu(double alpha) {
        return new Elu(alpha, 1.0);
    }

    /** SELU with Klambauer et al.'s constants. */
    public static ActivationFunction selu() {
        return new Elu(Elu.SELU_ALPHA, Elu.SELU_SCALE);
    }

    /** Hyperbolic tangent. */
    public static ActivationFunction tanh() {
        return Smooth.TANH;
    }

    /** The error function erf(x). */
    public static ActivationFunction erf() {
        return Smooth.ERF;
    }

    /** Logistic sigmoid. */
    public static ActivationFunction sigmoid() {
        return Smooth.SIGMOID;
    }

    /** Swish / SiLU, x sigmoid(x). */
    public static ActivationFunction swish() {
        return new Swish(1.0);
    }

    /** Swish with slope beta, x sigmoid(beta x). */
    public static ActivationFunction swish(double beta) {
        return new Swish(beta);
    }

    /** GELU, exact erf form x Phi(x). */
    public static ActivationFunction gelu() {
        return Smooth.GELU;
    }

    /** GELU's sigmoid form x sigmoid(1.702 x), DL4J's default GELU. */
    public static ActivationFunction geluSigmoid() {
        return new Swish(Swish.GELU_SIGMOID_BETA);
    }

    /** Softplus log(1 + e^x). */
    public static ActivationFunction softplus() {
        return new Softplus(false);
    }

    /** Shifted softplus log(1 + e^x) - log 2. */
    public static ActivationFunction shiftedSoftplus() {
        return new Softplus(true);
    }

    /** Mish, x tanh(softplus x). */
    public static ActivationFunction mish() {
        return Smooth.MISH;
    }

    /** Hard tanh, clip(x, -1, 1). */
    public static ActivationFunction hardTanh() {
        return new HardTanh();
    }

    /** The identity. */
    public static ActivationFunction linear() {
        return new LeakyRelu(1.0);
    }

    /** A user-defined smooth activation; derivatives by finite differences. */
    public static ActivationFunction custom(String name, DoubleUnaryOperator phi) {
        return new CustomActivation(name, phi, null, null, new double[0]);
    }

    /**
     * A user-defined activation with exact derivatives (either may be null for finite differences)
     * and its kink points (where phi' jumps; may be empty).
     */
    public static ActivationFunction custom(
            String name,
            DoubleUnaryOperator phi,
            DoubleUnaryOperator derivative,
            DoubleUnaryOperator secondDerivative,
            double... kinks) {
        return new CustomActivation(name, phi, derivative, secondDerivative, kinks);
    }
}
