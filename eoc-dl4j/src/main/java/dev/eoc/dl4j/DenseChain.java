package dev.eoc.dl4j;

import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.GraphVertex;
import org.deeplearning4j.nn.graph.vertex.VertexIndices;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;

/**
 * Reads a network as a chain of layers: which are fully connected, their own activation and the
 * activation that feeds them. Only {@code DenseLayer} and {@code OutputLayer} are fully connected
 * here; their weights W have shape [fan_in, fan_out] and biases b have length fan_out.
 */
final class DenseChain {

    /** Appended to the type of a graph layer whose input is a merge or other non-layer vertex. */
    static final String OFF_CHAIN = " fed by a merge or non-layer vertex";

    /** The layer configuration types treated as fully connected. */
    static final List<String> SUPPORTED_TYPES =
            List.of(
                    "DenseLayer",
                    "OutputLayer",
                    "ConvolutionLayer (NCHW, before the first dense layer)");

    /**
     * The one convolution type eoc initializes (its subclasses lay their parameters out otherwise).
     */
    static final String CONVOLUTION = "ConvolutionLayer";

    private DenseChain() {}

    /** The layers of an initialized network, in order. */
    static List<DenseStage> of(MultiLayerNetwork net) {
        requireInitialized(net.getLayers() != null, "MultiLayerNetwork");
        List<DenseStage> stages = new ArrayList<>();
        IActivation feeding = null;
        for (int i = 0; i < net.getnLayers(); i++) {
            org.deeplearning4j.nn.api.Layer layer = net.getLayer(i);
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            IActivation own = activationOf(conf);
            stages.add(stage(i, conf, own, feeding, layer, null));
            // a layer without activation (e.g. dropout) passes the previous activation through
            feeding = own != null ? own : feeding;
        }
        return stages;
    }

    /**
     * The layer vertices of an initialized graph in topological order. A layer fed by anything
     * other than a network input or a single layer vertex is marked not fully connected, so the
     * caller reports it.
     */
    static List<DenseStage> of(ComputationGraph graph) {
        requireInitialized(graph.getVertices() != null, "ComputationGraph");
        GraphVertex[] vertices = graph.getVertices();
        List<DenseStage> stages = new ArrayList<>();
        int position = 0;
        for (int v : graph.topologicalSortOrder()) {
            GraphVertex vertex = vertices[v];
            if (!vertex.hasLayer()) {
                continue;
            }
            org.deeplearning4j.nn.api.Layer layer = vertex.getLayer();
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            IActivation own = activationOf(conf);
            VertexIndices[] inputs = vertex.getInputVertices();
            IActivation feeding = null;
            boolean chain = inputs != null && inputs.length == 1;
            String inputName = "";
            if (chain) {
                GraphVertex in = vertices[inputs[0].getVertexIndex()];
                inputName = in.getVertexName();
                if (in.hasLayer()) {
                    feeding = activationOf(in.getLayer().conf().getLayer());
                } else {
                    chain = in.isInputVertex();
                }
            }
            DenseStage s = stage(position++, conf, own, feeding, layer, inputName);
            stages.add(
                    new DenseStage(
                            s.index(),
                            vertex.getVertexName(),
                            chain ? s.type() : s.type() + OFF_CHAIN,
                            chain && s.dense(),
                            own,
                            feeding,
                            layer,
                            inputName));
        }
        return stages;
    }

    private static DenseStage stage(
            int index,
            org.deeplearning4j.nn.conf.layers.Layer conf,
            IActivation own,
            IActivation feeding,
            org.deeplearning4j.nn.api.Layer layer,
            String inputName) {
        String type = conf.getClass().getSimpleName();
        boolean dense = conf instanceof DenseLayer || conf.getClass() == OutputLayer.class;
        String name = conf.getLayerName() == null ? "layer" + index : conf.getLayerName();
        return new DenseStage(index, name, type, dense, own, feeding, layer, inputName);
    }

    /**
     * The activation a layer applies to its output, or null when it applies none. DropoutLayer and
     * BatchNormalization carry a configured activation (inherited from the builder's default, e.g.
     * SIGMOID) that DL4J never applies: their output is their input (dropped out or normalized),
     * checked on 1.0.0-M2.1 with an explicit sigmoid. Reading it as theirs put the next layer at
     * sigmoid's Edge of Chaos; they pass the feeding activation through instead.
     */
    private static IActivation activationOf(org.deeplearning4j.nn.conf.layers.Layer conf) {
        if (conf instanceof ActivationLayer activationLayer) {
            return activationLayer.getActivationFn();
        }
        if (conf instanceof DropoutLayer || conf instanceof BatchNormalization) {
            return null;
        }
        return conf instanceof BaseLayer base ? base.getActivationFn() : null;
    }

    private static void requireInitialized(boolean initialized, String what) {
        if (!initialized) {
            throw new IllegalStateException(
                    "the "
                            + what
                            + " is not initialized: call init() before initializing it"
                            + " on the Edge of Chaos");
        }
    }
}
