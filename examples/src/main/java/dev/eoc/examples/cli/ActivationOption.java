package dev.eoc.examples.cli;

import dev.eoc.core.activation.ActivationFunction;
import picocli.CommandLine.Option;

/** The {@code --activation SPEC} option shared by the theory commands (a picocli mixin). */
final class ActivationOption {

    @Option(
            names = "--activation",
            paramLabel = "SPEC",
            description = "Activation, e.g. tanh, relu, elu(0.5), leaky_relu(0.2), swish, gelu.")
    private String spec;

    /**
     * The parsed activation.
     *
     * @throws IllegalArgumentException when missing (listing the known ones) or unknown
     */
    ActivationFunction get() {
        return CommandSupport.activation(spec);
    }
}
