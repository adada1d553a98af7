package dev.eoc.dl4j;

import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.nn.weights.WeightInitXavier;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Test networks: plain MLPs. */
final class Nets {

    private Nets() {}

    /**
     * nIn -> hidden dense layers (one activation per entry) -> identity output layer of nOut with
     * MSE loss, float, SGD, initialized.
     */
    static MultiLayerNetwork mlp(
            int nIn,
            int width,
            List<IActivation> hidden,
            int nOut,
            IWeightInit init,
            long seed,
            double lr) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(seed)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(lr))
                        .weightInit(init == null ? new WeightInitXavier() : init)
                        .list();
        int in = nIn;
        for (IActivation a : hidden) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(width).activation(a).build());
            in = width;
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                        .nIn(in)
                        .nOut(nOut)
                        .activation(new ActivationIdentity())
                        .build());
        MultiLayerConfiguration conf = b.build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    static MultiLayerNetwork mlp(
            int nIn, int width, int depth, IActivation a, int nOut, long seed) {
        return mlp(nIn, width, java.util.Collections.nCopies(depth, a), nOut, null, seed, 0.01);
    }
}
