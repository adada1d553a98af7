package dev.eoc.dl4j.spark;

import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** The test networks: tanh MLPs with a softmax output, on the Edge of Chaos or ordered. */
final class TanhNets {

    /** tanh's recommended sigma_b (EdgeOfChaos.recommended()). */
    static final double EOC_SIGMA_B = 0.2;

    /** The ordered phase of the paper's experiments: (sigma_b, sigma_w) = (1, 1), chi_1 < 1. */
    static final double ORDERED_SIGMA = 1.0;

    private TanhNets() {}

    static MultiLayerNetwork mlp(int nIn, int depth, int width, int classes, double lr) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(7)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(lr))
                        .list();
        for (int i = 0; i < depth; i++) {
            b.layer(
                    new DenseLayer.Builder()
                            .nIn(i == 0 ? nIn : width)
                            .nOut(width)
                            .activation(Activation.TANH)
                            .build());
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(width)
                        .nOut(classes)
                        .activation(Activation.SOFTMAX)
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        return net;
    }

    static MultiLayerNetwork eoc(int nIn, int depth, int width, int classes, double lr) {
        MultiLayerNetwork net = mlp(nIn, depth, width, classes, lr);
        EocInit.apply(net, EocInitOptions.withSeed(11).atSigmaB(EOC_SIGMA_B));
        return net;
    }

    static MultiLayerNetwork ordered(int nIn, int depth, int width, int classes, double lr) {
        MultiLayerNetwork net = mlp(nIn, depth, width, classes, lr);
        EocInit.apply(net, EocInitOptions.withSeed(11).at(ORDERED_SIGMA, ORDERED_SIGMA));
        return net;
    }
}
