package dev.eoc.examples.train;

import dev.eoc.core.meanfield.InitVariances;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Draws W_ij ~ N(0, sigma_w^2 / fan_in) and b_i ~ N(0, sigma_b^2) into every {@code DenseLayer} and
 * {@code OutputLayer} of a network and leaves other layers (BatchNorm, activation layers) as DL4J
 * initialized them. eoc-dl4j's {@code EocInit} refuses a chain with BatchNorm in it; this is the
 * same draw (one {@link SplittableRandom} split per layer of the seed) for that case.
 */
final class Dl4jDenseInit {

    private Dl4jDenseInit() {}

    static void draw(MultiLayerNetwork net, InitVariances variances, long seed) {
        SplittableRandom root = new SplittableRandom(seed);
        for (Layer layer : net.getLayers()) {
            SplittableRandom rng = root.split(); // layer i's draw depends on (seed, i) only
            org.deeplearning4j.nn.conf.layers.Layer conf = layer.conf().getLayer();
            if (!(conf instanceof org.deeplearning4j.nn.conf.layers.DenseLayer
                    || conf instanceof org.deeplearning4j.nn.conf.layers.OutputLayer)) {
                continue;
            }
            INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            double std = variances.weightStd(w.size(0));
            layer.setParam(DefaultParamInitializer.WEIGHT_KEY, gaussian(w, std, rng));
            INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
            layer.setParam(DefaultParamInitializer.BIAS_KEY, gaussian(b, variances.sigmaB(), rng));
        }
    }

    private static INDArray gaussian(INDArray like, double std, SplittableRandom rng) {
        float[] v = new float[Math.toIntExact(like.length())];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (std * rng.nextGaussian());
        }
        return Nd4j.create(v, like.shape(), like.ordering()).castTo(like.dataType());
    }
}
