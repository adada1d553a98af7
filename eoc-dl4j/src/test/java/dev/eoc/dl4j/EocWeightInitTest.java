package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** The IWeightInits: statistics, orthogonality, JSON and saved-model round trips. */
class EocWeightInitTest {

    private static final double WEIGHT_VARIANCE = 1.7;

    /**
     * Standard errors allowed: a 5-sigma bound fails by chance with probability 6e-7 per check, and
     * with a fixed seed the test is deterministic anyway.
     */
    private static final double SIGMAS = 5;

    @Test
    void gaussianWeightsHaveVarianceSigmaW2OverFanIn() {
        int fanIn = 800;
        int fanOut = 600;
        MultiLayerNetwork net = net(new EocNormalInit(WEIGHT_VARIANCE), fanIn, fanOut);
        INDArray w = net.getLayer(0).getParam("W");
        long n = w.length();
        double sampleWeightVariance = fanIn * w.var(false).getDouble(0);
        // Var of a Gaussian sample variance: 2 sigma^4 / n, so SE(fan_in s^2) = sigma_w^2 sqrt(2/n)
        double se = WEIGHT_VARIANCE * Math.sqrt(2.0 / n);
        assertEquals(WEIGHT_VARIANCE, sampleWeightVariance, SIGMAS * se);
        // mean: SE = sqrt(sigma_w^2 / fan_in / n)
        assertEquals(
                0, w.meanNumber().doubleValue(), SIGMAS * Math.sqrt(WEIGHT_VARIANCE / fanIn / n));
    }

    @Test
    void orthogonalWeightsAreScaledOrthonormalColumns() {
        int fanIn = 300;
        int fanOut = 200;
        MultiLayerNetwork net = net(new EocOrthogonalInit(WEIGHT_VARIANCE), fanIn, fanOut);
        INDArray w = net.getLayer(0).getParam("W").castTo(DataType.DOUBLE);
        double scale2 = WEIGHT_VARIANCE * fanIn / fanIn; // s^2 = sigma_w^2 max(fi, fo) / fi
        INDArray gram = w.transpose().mmul(w).divi(scale2);
        // float storage: entries of Q carry 6e-8 relative rounding; sums of 300 products stay <
        // 1e-5
        assertTrue(
                gram.sub(Nd4j.eye(fanOut).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                        < 1e-5);
        // every entry has variance sigma_w^2 / fan_in on average: sum of squares is exactly
        // s^2 fan_out, so fan_in * mean(W^2) = sigma_w^2 up to float rounding
        double meanSquare = w.mul(w).meanNumber().doubleValue();
        assertEquals(WEIGHT_VARIANCE, fanIn * meanSquare, 1e-5);
    }

    @Test
    void orthogonalRowsWhenFanOutExceedsFanIn() {
        int fanIn = 100;
        int fanOut = 250;
        MultiLayerNetwork net = net(new EocOrthogonalInit(WEIGHT_VARIANCE), fanIn, fanOut);
        INDArray w = net.getLayer(0).getParam("W").castTo(DataType.DOUBLE);
        double scale2 = WEIGHT_VARIANCE * fanOut / fanIn;
        INDArray gram = w.mmul(w.transpose()).divi(scale2);
        assertTrue(
                gram.sub(Nd4j.eye(fanIn).castTo(DataType.DOUBLE)).amaxNumber().doubleValue()
                        < 1e-5);
        assertEquals(WEIGHT_VARIANCE, fanIn * w.mul(w).meanNumber().doubleValue(), 1e-5);
    }

    @Test
    void sameConfigurationSeedGivesSameWeights() {
        INDArray a = net(new EocNormalInit(WEIGHT_VARIANCE), 50, 40).params();
        INDArray b = net(new EocNormalInit(WEIGHT_VARIANCE), 50, 40).params();
        assertEquals(a, b);
    }

    @Test
    void jsonConfigurationRoundTripKeepsTheInitializer() {
        for (IWeightInit init :
                List.of(new EocNormalInit(WEIGHT_VARIANCE), new EocOrthogonalInit(0.5))) {
            MultiLayerConfiguration conf = net(init, 20, 10).getLayerWiseConfigurations();
            String json = conf.toJson();
            assertTrue(json.contains(init.getClass().getName()), json);
            MultiLayerConfiguration back = MultiLayerConfiguration.fromJson(json);
            assertEquals(conf, back);
            assertEquals(init, weightInitOf(back));
        }
    }

    @Test
    void savedModelRestoresInitializerAndWeights(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net = net(new EocOrthogonalInit(WEIGHT_VARIANCE), 30, 20);
        File file = dir.resolve("model.zip").toFile();
        ModelSerializer.writeModel(net, file, true);
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(file, true);
        assertEquals(
                new EocOrthogonalInit(WEIGHT_VARIANCE),
                weightInitOf(restored.getLayerWiseConfigurations()));
        assertEquals(net.params(), restored.params());
    }

    @Test
    void rejectsBadVariances() {
        assertThrows(IllegalArgumentException.class, () -> new EocNormalInit(0));
        assertThrows(IllegalArgumentException.class, () -> new EocNormalInit(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> new EocOrthogonalInit(-1));
    }

    private static IWeightInit weightInitOf(MultiLayerConfiguration conf) {
        return ((BaseLayer) conf.getConf(0).getLayer()).getWeightInitFn();
    }

    private static MultiLayerNetwork net(IWeightInit init, int fanIn, int fanOut) {
        MultiLayerNetwork net =
                Nets.mlp(fanIn, fanOut, List.of(new ActivationTanH()), 3, init, 42, 0.1);
        assertInstanceOf(init.getClass(), weightInitOf(net.getLayerWiseConfigurations()));
        return net;
    }
}
