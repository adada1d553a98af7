package dev.eoc.examples.train;

import java.nio.file.Path;
import java.util.Map;

/**
 * The network one seed of a run trains: an MLP of {@code depth} hidden Dense layers of {@code
 * width} units with {@code activation} (BatchNorm between Dense and activation when {@code
 * init.scheme().batchNorm()}), a Dense softmax output of {@code classes} units and cross-entropy
 * loss, trained by plain SGD.
 *
 * @param activation activation spec, parsed by the framework adapter
 * @param inputs input features
 * @param depth hidden layers
 * @param width units per hidden layer
 * @param classes output units
 * @param init initialization point (for every layer, the output layer included)
 * @param seed seed of the weights
 * @param learningRate SGD learning rate
 * @param listenerInterval batches between signal-propagation reports
 * @param listenerFile where the listener appends its reports (JSON Lines), or null
 * @param provenance key-value pairs written at the top of the listener file
 * @param architecture plain MLP, or residual MLP (an embedding Linear layer and depth - 1
 *     pre-activation blocks y + A (W phi(y) + b) instead of the hidden layers)
 */
public record NetworkSpec(
        String activation,
        int inputs,
        int depth,
        int width,
        int classes,
        InitPoint init,
        long seed,
        double learningRate,
        int listenerInterval,
        Path listenerFile,
        Map<String, String> provenance,
        Architecture architecture) {

    public NetworkSpec {
        provenance = Map.copyOf(provenance);
        architecture.requireInit(init.scheme());
    }

    /** A plain MLP. */
    public NetworkSpec(
            String activation,
            int inputs,
            int depth,
            int width,
            int classes,
            InitPoint init,
            long seed,
            double learningRate,
            int listenerInterval,
            Path listenerFile,
            Map<String, String> provenance) {
        this(
                activation,
                inputs,
                depth,
                width,
                classes,
                init,
                seed,
                learningRate,
                listenerInterval,
                listenerFile,
                provenance,
                Architecture.MLP);
    }

    /** Whether hidden layers carry BatchNorm before their activation. */
    public boolean batchNorm() {
        return init.scheme().batchNorm();
    }
}
