package app;

import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Two SGD iterations of a 6-layer tanh network with eoc's initialization and listener, as a
 * ComputationGraph: an embedding, four residual blocks y + W tanh(y) + b, then the output; then
 * two of a small CNN (two 3 x 3 convolutions of 16 filters on flat 12 x 12 images, the output).
 */
public final class Dl4jApp {
    public static void main(String[] args) {
        ComputationGraphConfiguration.GraphBuilder g =
                new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.01)).graphBuilder()
                        .addInputs("in")
                        .addLayer("embed", new DenseLayer.Builder().nIn(64).nOut(128)
                                .activation(Activation.IDENTITY).build(), "in");
        String stream = "embed";
        for (int b = 1; b <= 4; b++) {
            g.addLayer("act" + b, new ActivationLayer(Activation.TANH), stream)
                    .addLayer("fc" + b, new DenseLayer.Builder().nIn(128).nOut(128)
                            .activation(Activation.IDENTITY).build(), "act" + b)
                    .addVertex("add" + b, new ElementWiseVertex(ElementWiseVertex.Op.Add),
                            stream, "fc" + b);
            stream = "add" + b;
        }
        g.addLayer("top", new ActivationLayer(Activation.TANH), stream)
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(128).nOut(10).activation(Activation.SOFTMAX).build(), "top")
                .setOutputs("out");
        ComputationGraph net = new ComputationGraph(g.build());
        net.init();

        INDArray x = Nd4j.rand(32, 64).subi(0.5);
        INDArray y = Nd4j.zeros(32, 10);
        for (int r = 0; r < 32; r++) {
            y.putScalar(r, r % 10, 1);
        }
        EocInit.apply(net, EocInitOptions.withSeed(42));
        net.setListeners(PropagationListener.of(ProbeSet.pairsFrom(x, 4, 1), 1));
        DataSet batch = new DataSet(x, y);
        net.fit(batch);
        net.fit(batch);

        MultiLayerNetwork cnn = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().seed(1)
                .updater(new Sgd(0.01)).list()
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).padding(1, 1)
                        .activation(Activation.TANH).build())
                .layer(new ConvolutionLayer.Builder(3, 3).nOut(16).padding(1, 1)
                        .activation(Activation.TANH).build())
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nOut(10)
                        .activation(Activation.SOFTMAX).build())
                .setInputType(InputType.convolutionalFlat(12, 12, 1))
                .build());
        cnn.init();
        INDArray images = Nd4j.rand(32, 144);
        EocInit.apply(cnn, EocInitOptions.withSeed(42));
        cnn.setListeners(PropagationListener.of(ProbeSet.pairsFrom(images, 4, 1), 1));
        DataSet imageBatch = new DataSet(images, y);
        cnn.fit(imageBatch);
        cnn.fit(imageBatch);
    }
}
