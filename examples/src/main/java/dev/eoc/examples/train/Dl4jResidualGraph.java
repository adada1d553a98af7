package dev.eoc.examples.train;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The residual MLP as a DL4J ComputationGraph: an identity Dense embedding, {@code depth - 1}
 * pre-activation blocks (ActivationLayer, identity Dense, a ScaleVertex(A) unless A = 1) added to
 * the stream by an ElementWiseVertex(Add), which eoc-dl4j reads as y + A (W phi(y) + b); then, for
 * training, the activation and a softmax output with cross-entropy. Float32, plain SGD, DL4J's
 * Xavier init (replaced by eoc's where the point is not the framework default).
 */
public final class Dl4jResidualGraph {

    private Dl4jResidualGraph() {}

    /**
     * The configuration.
     *
     * @param classes softmax output units, or 0 for none (the graph's output is the stream)
     */
    public static ComputationGraphConfiguration configuration(
            int inputs,
            int width,
            int depth,
            IActivation phi,
            double branchScale,
            int classes,
            long seed,
            double learningRate) {
        ComputationGraphConfiguration.GraphBuilder g =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(DataType.FLOAT)
                        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                        .updater(new Sgd(learningRate))
                        .weightInit(WeightInit.XAVIER)
                        .biasInit(0)
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer("embed", identityDense(inputs, width), "in");
        String stream = "embed";
        for (int b = 1; b < depth; b++) {
            String end = "fc" + b;
            g.addLayer("act" + b, new ActivationLayer(phi), stream)
                    .addLayer(end, identityDense(width, width), "act" + b);
            if (branchScale != 1) {
                g.addVertex("scale" + b, new ScaleVertex(branchScale), end);
                end = "scale" + b;
            }
            g.addVertex("add" + b, new ElementWiseVertex(ElementWiseVertex.Op.Add), stream, end);
            stream = "add" + b;
        }
        if (classes == 0) {
            return g.setOutputs(stream).build();
        }
        return g.addLayer("top", new ActivationLayer(phi), stream)
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(width)
                                .nOut(classes)
                                .activation(new ActivationSoftmax())
                                .build(),
                        "top")
                .setOutputs("out")
                .build();
    }

    private static DenseLayer identityDense(int in, int out) {
        return new DenseLayer.Builder()
                .nIn(in)
                .nOut(out)
                .activation(new ActivationIdentity())
                .build();
    }
}
