package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Convolutional networks in DL4J: the probe measures every ConvolutionLayer and dense output and
 * compares it with the per-position theory of eoc-core (Xiao et al. 2018); convolutions it cannot
 * follow are named.
 */
class ConvolutionTest {

    private static final int SIDE = 14;

    /** Seeds' mean c_l within the single-machine theory-match bound (TheoryMatchTest). */
    private static final double C_TOLERANCE = 0.03;

    /** Seeds' mean q_l within 10% of the theory (128 filters: a few % per seed). */
    private static final double Q_RELATIVE = 0.10;

    /** conv 3x3 (Truncate), conv 3x3 stride 2 padding 1, dense 300, softmax output; flat input. */
    static MultiLayerNetwork cnn(int filters, long seed) {
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        new NeuralNetConfiguration.Builder()
                                .seed(seed)
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(conv(filters, 1, 0, ConvolutionMode.Truncate))
                                .layer(conv(filters, 2, 1, ConvolutionMode.Truncate))
                                .layer(
                                        new DenseLayer.Builder()
                                                .nOut(300)
                                                .activation(new ActivationTanH())
                                                .build())
                                .layer(output())
                                .setInputType(InputType.convolutionalFlat(SIDE, SIDE, 1))
                                .build());
        net.init();
        return net;
    }

    static ConvolutionLayer conv(int filters, int stride, int padding, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(3, 3)
                .nOut(filters)
                .stride(stride, stride)
                .padding(padding, padding)
                .convolutionMode(mode)
                .activation(new ActivationTanH())
                .build();
    }

    static OutputLayer output() {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nOut(10)
                .activation(new ActivationSoftmax())
                .build();
    }

    /**
     * A tanh CNN on the Edge of Chaos (two 3 x 3 convolutions of 128 filters, valid and strided,
     * then dense 300 and a softmax output) on MNIST-like images given flat, 4 seeds x 4 pairs: the
     * wide layers' c_l within 0.03 and q_l within 10% of the probe's theory, and the verdict is
     * healthy; the probe's own convolution (ND4J conv2d on the layer's parameters) passed through
     * tanh is the layer's output in DL4J's forward pass.
     */
    @Test
    void theProbeFollowsTheTheoryOfAWideCnn() {
        int seeds = 4;
        double[] c = new double[5];
        double[] cTheory = new double[5];
        double[] q = new double[5];
        double[] qTheory = new double[5];
        for (int seed = 1; seed <= seeds; seed++) {
            MultiLayerNetwork net = cnn(128, seed);
            EocInit.apply(net, EocInitOptions.withSeed(seed));
            ProbeSet probe = new ProbeSet(images(4, 10 + seed));
            PropagationSnapshot s = PropagationProbe.measure(net, probe);
            assertEquals(4, s.depth());
            assertEquals(128, s.layers().get(0).width(), "a convolution's units: filters");
            assertEquals(
                    PropagationDiagnosis.Verdict.HEALTHY,
                    PropagationDiagnosis.of(s).verdict(),
                    PropagationDiagnosis.of(s).message());
            for (int l = 1; l <= 4; l++) {
                c[l] += s.cEmpirical()[l] / seeds;
                cTheory[l] += s.cTheory()[l] / seeds;
                q[l] += s.qEmpirical()[l] / seeds;
                qTheory[l] += s.qTheory()[l] / seeds;
            }
            if (seed == 1) {
                INDArray x = probe.inputs().reshape('c', 8, 1, SIDE, SIDE);
                INDArray mine =
                        org.nd4j.linalg.ops.transforms.Transforms.tanh(
                                ConvolutionStage.preActivation(net.getLayer(0), x), true);
                INDArray theirs = net.feedForward(probe.inputs(), false).get(1);
                assertEquals(0, mine.sub(theirs).norm2Number().doubleValue(), 1e-4);
            }
        }
        // the 10-unit output layer's q_l and c_l scatter by ~1/sqrt(10) per pair: left out (its
        // finite-width band, in the healthy verdict above, covers it)
        for (int l = 1; l <= 3; l++) {
            assertEquals(cTheory[l], c[l], C_TOLERANCE, "c at layer " + l);
            assertEquals(qTheory[l], q[l], Q_RELATIVE * qTheory[l], "q at layer " + l);
        }
    }

    /**
     * The diagnosis on deep CNNs (12 'Same' 3 x 3 convolutions of 32 filters, tanh, images given as
     * [n, 1, 14, 14]): the Edge of Chaos is healthy, (1, 1) ordered and (0.1, 3) chaotic.
     */
    @ParameterizedTest
    @CsvSource({"0.2, 1.3041458401, HEALTHY", "1, 1, ORDERED", "0.1, 3, CHAOTIC"})
    void deepCnnsAreNamedByTheirPhase(double sigmaB, double sigmaW, String verdict) {
        var list = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.FLOAT).list();
        for (int l = 0; l < 12; l++) {
            list.layer(conv(32, 1, 0, ConvolutionMode.Same));
        }
        MultiLayerNetwork net =
                new MultiLayerNetwork(
                        list.layer(output())
                                .setInputType(InputType.convolutional(SIDE, SIDE, 1))
                                .build());
        net.init();
        EocInit.apply(net, EocInitOptions.withSeed(1).at(sigmaB, sigmaW));
        ProbeSet probe = ProbeSet.pairsFrom(images(4, 3).reshape('c', 8, 1, SIDE, SIDE), 4, 1);
        assertEquals(4, probe.inputs().rank(), "pairsFrom keeps the batch's shape");
        var d = PropagationDiagnosis.of(PropagationProbe.measure(net, probe));
        assertEquals(PropagationDiagnosis.Verdict.valueOf(verdict), d.verdict(), d.message());
    }

    @Test
    void convolutionsTheTheoryCannotFollowAreNamed() {
        MultiLayerNetwork nhwc =
                new MultiLayerNetwork(
                        new NeuralNetConfiguration.Builder()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new ConvolutionLayer.Builder(3, 3)
                                                .nOut(4)
                                                .dataFormat(CNN2DFormat.NHWC)
                                                .activation(new ActivationTanH())
                                                .build())
                                .layer(output())
                                .setInputType(
                                        InputType.convolutional(SIDE, SIDE, 1, CNN2DFormat.NHWC))
                                .build());
        nhwc.init();
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PropagationProbe.of(nhwc));
        assertTrue(e.getMessage().contains("NHWC"), e.getMessage());

        MultiLayerNetwork late =
                new MultiLayerNetwork(
                        new NeuralNetConfiguration.Builder()
                                .dataType(DataType.FLOAT)
                                .list()
                                .layer(
                                        new DenseLayer.Builder()
                                                .nOut(SIDE * SIDE)
                                                .activation(new ActivationTanH())
                                                .build())
                                .layer(conv(4, 1, 0, ConvolutionMode.Truncate))
                                .layer(output())
                                .inputPreProcessor(
                                        1,
                                        new org.deeplearning4j.nn.conf.preprocessor
                                                .FeedForwardToCnnPreProcessor(SIDE, SIDE, 1))
                                .setInputType(InputType.feedForward(SIDE * SIDE))
                                .build());
        late.init();
        // the dense layer before it is monitored, with a warning naming the convolution
        assertEquals(1, PropagationProbe.of(late).depth());
    }

    /** 2P flat images of 14 x 14: ink N(0.5, 0.6^2) in the middle, empty margins of 3 pixels. */
    static INDArray images(int pairs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[][] x = new float[2 * pairs][SIDE * SIDE];
        for (float[] img : x) {
            for (int i = 3; i < SIDE - 3; i++) {
                for (int j = 3; j < SIDE - 3; j++) {
                    if (rng.nextDouble() < 0.5) {
                        img[i * SIDE + j] = (float) (0.5 + 0.6 * rng.nextGaussian());
                    }
                }
            }
        }
        return Nd4j.create(x);
    }
}
