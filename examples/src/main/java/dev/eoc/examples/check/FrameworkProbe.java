package dev.eoc.examples.check;

import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.examples.train.Architecture;

/**
 * What {@code ./eoc check} needs from a framework: build a {@code depth}-layer MLP of {@code width}
 * units (Linear, then the activation, per layer), draw W ~ N(0, sigma_w^2 / fan_in) and b ~ N(0,
 * sigma_b^2) with the seed, run the input pairs through it and return the per-layer statistics with
 * the theory for the actual weights (eoc-core's {@code PropagationSnapshot}).
 */
public interface FrameworkProbe {

    /** The {@code --framework} name. */
    String name();

    /**
     * Propagates the inputs.
     *
     * @param activationSpec activation spec, e.g. {@code tanh}
     * @param inputs rows in pairs (0, 1), (2, 3), ..., each of length {@code width}
     */
    default PropagationSnapshot propagate(
            String activationSpec,
            int width,
            int depth,
            InitVariances variances,
            long seed,
            float[][] inputs) {
        return propagate(activationSpec, Architecture.MLP, width, depth, variances, seed, inputs);
    }

    /**
     * Propagates the inputs through a network of the given architecture, {@code depth} Linear
     * layers in all.
     */
    PropagationSnapshot propagate(
            String activationSpec,
            Architecture arch,
            int width,
            int depth,
            InitVariances variances,
            long seed,
            float[][] inputs);

    /**
     * The probe for a framework name.
     *
     * @throws IllegalArgumentException for an unknown or not yet available framework
     */
    static FrameworkProbe forName(String name) {
        return switch (name) {
            case "djl" -> new DjlProbe();
            case "dl4j" -> new Dl4jProbe();
            default ->
                    throw new IllegalArgumentException(
                            "unknown framework '" + name + "'; expected djl or dl4j");
        };
    }
}
