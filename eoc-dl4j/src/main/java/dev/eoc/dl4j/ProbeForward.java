package dev.eoc.dl4j;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.graph.vertex.impl.LayerVertex;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A probe's forward pass: runs the probe inputs through a network or graph in inference mode and
 * returns the input of every monitored layer (the network's own input and state are restored).
 */
final class ProbeForward {

    /** The probe's own forward pass must give the graph's output to this (float rounding). */
    private static final double FORWARD_TOLERANCE = 1e-4;

    private ProbeForward() {}

    /** Runs the probe through a network; entry l is the input of monitored layer l. */
    static List<INDArray> layerInputs(
            MultiLayerNetwork net, ProbeSet probe, MonitoredLayers monitored) {
        INDArray saved = net.getInput();
        try {
            List<INDArray> ff =
                    net.feedForward(probe.inputs().castTo(net.params().dataType()), false);
            return inputs(
                    monitored,
                    s -> ff.get(s.index()),
                    s -> net.getLayerWiseConfigurations().getInputPreProcess(s.index()));
        } finally {
            net.setInput(saved);
        }
    }

    /** Runs the probe through a graph; entry l is the input of monitored layer l. */
    static List<INDArray> layerInputs(
            ComputationGraph graph, ProbeSet probe, MonitoredLayers monitored) {
        if (monitored.graphPath() != null) {
            return residual(graph, probe, monitored);
        }
        INDArray[] saved = graph.getInputs();
        try {
            Map<String, INDArray> ff =
                    graph.feedForward(
                            new INDArray[] {probe.inputs().castTo(graph.params().dataType())},
                            false);
            return inputs(
                    monitored,
                    s -> ff.get(s.inputName()),
                    s -> ((LayerVertex) graph.getVertex(s.name())).getLayerPreProcessor());
        } finally {
            if (saved != null) {
                graph.setInputs(saved);
            }
        }
    }

    /**
     * The residual graph's forward pass along its path ({@link GraphPath#denseInputs}), checked
     * against the graph's own output: a graph computing something else (a vertex the path reads
     * wrongly) fails loudly instead of being judged by a theory of another network.
     */
    private static List<INDArray> residual(
            ComputationGraph graph, ProbeSet probe, MonitoredLayers monitored) {
        INDArray x = probe.inputs().castTo(graph.params().dataType());
        Map<String, INDArray> inputs = monitored.graphPath().denseInputs(graph, x);
        INDArray[] saved = graph.getInputs();
        INDArray actual;
        try {
            actual = graph.outputSingle(false, x.dup());
        } finally {
            if (saved != null) {
                graph.setInputs(saved);
            }
        }
        INDArray mine = inputs.get("");
        double scale = Math.max(1, actual.norm2Number().doubleValue());
        double gap = mine.sub(actual).norm2Number().doubleValue();
        if (!(gap <= FORWARD_TOLERANCE * scale)) {
            throw new IllegalStateException(
                    "the probe's forward pass along the residual path gives an output "
                            + gap
                            + " away from the graph's own (norm "
                            + actual.norm2Number()
                            + "): the graph computes something the path does not describe, so no"
                            + " verdict is given");
        }
        return monitored.stages().stream().map(s -> inputs.get(s.name())).toList();
    }

    /** Each stage's input, a convolution's as images through its preprocessor. */
    private static List<INDArray> inputs(
            MonitoredLayers monitored,
            Function<DenseStage, INDArray> input,
            Function<DenseStage, InputPreProcessor> preProcessor) {
        return monitored.stages().stream()
                .map(
                        s ->
                                s.convolution()
                                        ? ConvolutionStage.images(
                                                input.apply(s), preProcessor.apply(s))
                                        : input.apply(s))
                .toList();
    }
}
