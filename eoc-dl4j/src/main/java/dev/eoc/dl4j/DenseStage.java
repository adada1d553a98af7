package dev.eoc.dl4j;

import org.deeplearning4j.nn.api.Layer;
import org.nd4j.linalg.activations.IActivation;

/**
 * One layer of a network as eoc-dl4j sees it, in forward order.
 *
 * @param index the layer's index in a {@code MultiLayerNetwork}, or its position in the topological
 *     order of a {@code ComputationGraph}
 * @param name the layer's name (the vertex name in a graph)
 * @param type the configuration class's simple name, e.g. {@code DenseLayer}
 * @param dense true for a fully connected layer with parameters W [fan_in, fan_out] and b
 * @param activation the layer's own activation, applied to its output (null if it has none)
 * @param feedingActivation the activation applied to this layer's input, i.e. the previous layer's;
 *     null for a layer fed by the network input
 * @param layer the DL4J layer, for reading and writing parameters
 * @param inputName in a graph, the vertex whose output this layer reads; null in a {@code
 *     MultiLayerNetwork}, where layer i reads layer i - 1
 */
record DenseStage(
        int index,
        String name,
        String type,
        boolean dense,
        IActivation activation,
        IActivation feedingActivation,
        Layer layer,
        String inputName) {

    /**
     * True for a graph layer fed by a merge or another non-layer vertex (an ElementWiseVertex Add
     * of a residual block, say): the signal there is not the previous layer's alone.
     */
    boolean offChain() {
        return type.endsWith(DenseChain.OFF_CHAIN);
    }

    /**
     * True for a 2-D convolution ({@code ConvolutionLayer} itself, not its subclasses, whose
     * parameters are laid out differently): weights [out, in, kh, kw], initialized like a dense
     * layer with fan-in in x kh x kw; the probe follows it before the first dense layer ({@link
     * ConvolutionStage}).
     */
    boolean convolution() {
        return type.equals(DenseChain.CONVOLUTION);
    }

    /**
     * This stage as a layer on a graph's signal path ({@link GraphPath}): not off the chain, fully
     * connected if its type is, fed by {@code feeding} (null: none known).
     */
    DenseStage onPath(IActivation feeding) {
        String own =
                type.endsWith(DenseChain.OFF_CHAIN)
                        ? type.substring(0, type.length() - DenseChain.OFF_CHAIN.length())
                        : type;
        boolean isDense = GraphPath.isDense(layer.conf().getLayer());
        return new DenseStage(index, name, own, isDense, activation, feeding, layer, inputName);
    }

    /** The key prefix of this layer's parameters and gradients: index or vertex name. */
    String paramPrefix() {
        return inputName == null ? Integer.toString(index) : name;
    }

    /** Human-readable identity for messages: index, name, type and activation. */
    String describe() {
        return "layer "
                + index
                + " ('"
                + name
                + "', "
                + type
                + ", activation "
                + activation
                + (feedingActivation == null ? "" : ", fed by activation " + feedingActivation)
                + ")";
    }
}
