package app;

import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Two SGD iterations of a 6-layer tanh MLP with eoc's initialization and listener. */
public final class Dl4jApp {
    public static void main(String[] args) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.01)).list();
        int in = 64;
        for (int i = 0; i < 5; i++) {
            b.layer(new DenseLayer.Builder().nIn(in).nOut(128).activation(Activation.TANH).build());
            in = 128;
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(in).nOut(10).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
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
    }
}
