package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.initializer.Initializer;

/**
 * The Edge-of-Chaos initializer {@link EocInit} sets on one parameter of a Linear layer, checking
 * when it runs that the layer's other parameter still holds its Edge-of-Chaos initializer.
 *
 * <p>Why: {@code Model.newTrainer(config)} applies {@code DefaultTrainingConfig.optInitializer} to
 * every matching parameter, so {@code EocInit.apply(block, ...)} called before it is silently
 * undone for those parameters (typically the weights, {@code Parameter.Type.WEIGHT}) while the
 * others (the biases) keep ours. When this initializer runs at {@code trainer.initialize} and finds
 * its sibling replaced, it fails with the order that works instead of training a network that is
 * half Xavier and half Edge of Chaos.
 */
final class InitOrderGuard implements Initializer {

    private final Initializer eoc;
    private final Parameter sibling;
    private final int layer;

    InitOrderGuard(Initializer eoc, Parameter sibling, int layer) {
        this.eoc = eoc;
        this.sibling = sibling;
        this.layer = layer;
    }

    /** The Edge-of-Chaos initializer this guard runs. */
    Initializer eoc() {
        return eoc;
    }

    @Override
    public NDArray initialize(NDManager manager, Shape shape, DataType dataType) {
        Initializer now = sibling == null ? null : sibling.getInitializer();
        if (sibling != null && !(now instanceof InitOrderGuard)) {
            throw new IllegalStateException(
                    "Linear layer "
                            + layer
                            + "'s "
                            + sibling.getName()
                            + " initializer is "
                            + (now == null ? "null" : now.getClass().getSimpleName())
                            + ", not the Edge-of-Chaos one EocInit.apply set: model.newTrainer(config)"
                            + " applied the config's optInitializer after it. Call EocInit.apply(trainer,"
                            + " options) after model.newTrainer(config) and before"
                            + " trainer.initialize(shape), or remove optInitializer from the config");
        }
        return eoc.initialize(manager, shape, dataType);
    }

    @Override
    public String toString() {
        return eoc.toString();
    }
}
