package dev.eoc.djl;

import ai.djl.ndarray.NDList;
import ai.djl.nn.LambdaBlock;
import dev.eoc.core.activation.ActivationFunction;
import java.util.function.Function;

/**
 * A DJL activation block that knows which activation it computes, so that {@link EocInit} and
 * {@link PropagationListener} can read it back (DJL's own activation blocks are lambdas whose
 * parameters cannot be recovered). Made by {@link EocActivations}; it runs exactly DJL's {@link
 * ai.djl.nn.Activation} function, and {@link #activation()} is the eoc-core activation that equals
 * it (tested numerically against the engine's output).
 */
public final class ActivationBlock extends LambdaBlock {

    private final transient ActivationFunction activation;

    ActivationBlock(
            Function<NDList, NDList> function, String djlName, ActivationFunction activation) {
        super(function, djlName);
        this.activation = activation;
    }

    /** The eoc-core activation this block computes. */
    public ActivationFunction activation() {
        return activation;
    }

    @Override
    public String toString() {
        return "ActivationBlock(" + activation.spec() + ")";
    }
}
