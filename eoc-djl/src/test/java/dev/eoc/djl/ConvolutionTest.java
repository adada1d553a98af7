package dev.eoc.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.convolutional.Conv3d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.pooling.Pool;
import ai.djl.training.ParameterStore;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Convolutional networks in DJL: the probe measures every Conv2d and Linear output and compares it
 * with the per-position theory of eoc-core (Xiao et al. 2018); convolutions it cannot place are
 * refused by name.
 */
class ConvolutionTest {

    private static final int SIDE = 14;

    /** Seeds' mean c_l within the single-machine theory-match bound (TheoryMatchTest). */
    private static final double C_TOLERANCE = 0.03;

    /** Seeds' mean q_l within 10% of the theory (128 filters: a few % per seed). */
    private static final double Q_RELATIVE = 0.10;

    static SequentialBlock cnn(int filters) {
        return new SequentialBlock()
                .add(conv(filters, 1, 0))
                .add(EocActivations.tanh())
                .add(conv(filters, 2, 1))
                .add(EocActivations.tanh())
                .add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(300).build())
                .add(EocActivations.tanh())
                .add(Linear.builder().setUnits(10).build());
    }

    static Conv2d conv(int filters, int stride, int padding) {
        return Conv2d.builder()
                .setKernelShape(new Shape(3, 3))
                .setFilters(filters)
                .optStride(new Shape(stride, stride))
                .optPadding(new Shape(padding, padding))
                .build();
    }

    /**
     * A tanh CNN on the Edge of Chaos (two 3 x 3 convolutions of 128 filters, valid and strided,
     * then Linear 300 and 10) on MNIST-like images (ink in the middle, empty margins), 4 seeds x 4
     * pairs: the wide layers' measured c_l within 0.03 and q_l within 10% of the probe's theory,
     * and the verdict is healthy.
     */
    @Test
    void theProbeFollowsTheTheoryOfAWideCnn() {
        int seeds = 4;
        double[] c = new double[5];
        double[] cTheory = new double[5];
        double[] q = new double[5];
        double[] qTheory = new double[5];
        try (NDManager manager = NDManager.newBaseManager()) {
            for (int seed = 1; seed <= seeds; seed++) {
                SequentialBlock net = cnn(128);
                EocInit.apply(net, EocInitOptions.withSeed(seed));
                initialize(net, manager, new Shape(2, 1, SIDE, SIDE));
                PropagationSnapshot s =
                        PropagationProbe.of(net).measure(images(manager, 4, 10 + seed), 0, false);
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
     * The nominal theory too: the EOC point's variances give, at the first convolution, q_1 =
     * sigma_b^2 + sigma_w^2 times the mean over output positions of the window's mean x^2, which
     * the probe's theory (from the sampled weights) matches within their sampling error.
     */
    @Test
    void theFirstConvolutionFollowsTheNominalPoint() {
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).recommended();
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = cnn(256);
            EocInit.apply(net, EocInitOptions.withSeed(3));
            initialize(net, manager, new Shape(2, 1, SIDE, SIDE));
            var x = images(manager, 2, 5);
            PropagationSnapshot s = PropagationProbe.of(net).measure(x, 0, false);
            float[] pixels = x.toFloatArray();
            double sum = 0;
            for (int img = 0; img < 4; img++) {
                for (int i = 0; i < SIDE - 2; i++) {
                    for (int j = 0; j < SIDE - 2; j++) {
                        double w = 0;
                        for (int a = 0; a < 3; a++) {
                            for (int b = 0; b < 3; b++) {
                                double v = pixels[img * SIDE * SIDE + (i + a) * SIDE + j + b];
                                w += v * v / 9;
                            }
                        }
                        sum += p.biasVariance() + p.weightVariance() * w;
                    }
                }
            }
            double nominal = sum / (4 * (SIDE - 2) * (SIDE - 2));
            // 256 x 9 weights: sigma_w^2 is sampled to sqrt(2 / 2304) = 3% relative; 5 SE
            assertEquals(nominal, s.qTheory()[1], 5 * 0.03 * nominal);
        }
    }

    /**
     * The diagnosis on deep CNNs (12 'same' 3 x 3 convolutions of 32 filters, tanh): the Edge of
     * Chaos is healthy, (sigma_b, sigma_w) = (1, 1) ordered and (0.1, 3) chaotic (Schoenholz et al.
     * 2017's phases, which Xiao et al. 2018 show hold for CNNs with the same chi_1).
     */
    @ParameterizedTest
    @CsvSource({"0.2, 1.3041458401, HEALTHY", "1, 1, ORDERED", "0.1, 3, CHAOTIC"})
    void deepCnnsAreNamedByTheirPhase(double sigmaB, double sigmaW, String verdict) {
        try (NDManager manager = NDManager.newBaseManager()) {
            SequentialBlock net = new SequentialBlock();
            for (int l = 0; l < 12; l++) {
                net.add(conv(32, 1, 1)).add(EocActivations.tanh());
            }
            net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
            EocInit.apply(net, EocInitOptions.withSeed(1).at(sigmaB, sigmaW));
            initialize(net, manager, new Shape(2, 1, SIDE, SIDE));
            PropagationSnapshot s =
                    PropagationProbe.of(net).measure(images(manager, 4, 3), 0, false);
            var d = PropagationDiagnosis.of(s);
            assertEquals(PropagationDiagnosis.Verdict.valueOf(verdict), d.verdict(), d.message());
        }
    }

    /**
     * Conv1d on sequences (N, C, W): the theory's one-dimensional windows; a 64-filter tanh stack
     * at the EOC is healthy and its wide layers' c_l follow the theory within 0.05 in one draw.
     */
    @Test
    void oneDimensionalConvolutionsAreFollowedToo() {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < 3; l++) {
            net.add(
                            ai.djl.nn.convolutional.Conv1d.builder()
                                    .setKernelShape(new Shape(5))
                                    .setFilters(64)
                                    .optPadding(new Shape(2))
                                    .build())
                    .add(EocActivations.tanh());
        }
        net.add(Blocks.batchFlattenBlock()).add(Linear.builder().setUnits(10).build());
        try (NDManager manager = NDManager.newBaseManager()) {
            EocInit.apply(net, EocInitOptions.withSeed(2));
            initialize(net, manager, new Shape(2, 2, 40));
            SplittableRandom rng = new SplittableRandom(4);
            // pairs of correlated sequences (c_0 ~ 0.6) with silent stretches
            int row = 2 * 40;
            float[] x = new float[8 * row];
            for (int p = 0; p < 4; p++) {
                for (int i = 0; i < row; i++) {
                    double a = rng.nextDouble() < 0.6 ? rng.nextGaussian() : 0;
                    x[2 * p * row + i] = (float) a;
                    x[(2 * p + 1) * row + i] = (float) (0.6 * a + 0.8 * rng.nextGaussian() * 0.77);
                }
            }
            PropagationSnapshot s =
                    PropagationProbe.of(net)
                            .measure(manager.create(x, new Shape(8, 2, 40)), 0, false);
            assertEquals(4, s.depth());
            assertEquals(
                    PropagationDiagnosis.Verdict.HEALTHY,
                    PropagationDiagnosis.of(s).verdict(),
                    PropagationDiagnosis.of(s).message());
            assertTrue(s.inputCorrelation() > 0.4, "correlated pairs: " + s.inputCorrelation());
            for (int l = 1; l <= 3; l++) {
                assertEquals(s.cTheory()[l], s.cEmpirical()[l], 0.05, "c at Conv1d " + l);
            }
        }
    }

    @Test
    void convolutionsTheTheoryCannotPlaceAreRefusedByName() {
        Block cube =
                new SequentialBlock()
                        .add(
                                Conv3d.builder()
                                        .setKernelShape(new Shape(2, 2, 2))
                                        .setFilters(4)
                                        .build())
                        .add(EocActivations.tanh())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(3).build());
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> PropagationProbe.of(cube));
        assertTrue(e.getMessage().contains("Conv3d"), e.getMessage());
        assertTrue(e.getMessage().contains("1 or 2 spatial dimensions"), e.getMessage());

        Block pooled =
                new SequentialBlock()
                        .add(conv(8, 1, 1))
                        .add(EocActivations.tanh())
                        .add(Pool.maxPool2dBlock(new Shape(2, 2)))
                        .add(conv(8, 1, 1))
                        .add(EocActivations.tanh())
                        .add(Blocks.batchFlattenBlock())
                        .add(Linear.builder().setUnits(3).build());
        IllegalArgumentException p =
                assertThrows(IllegalArgumentException.class, () -> PropagationProbe.of(pooled));
        assertTrue(p.getMessage().contains("maxPool2d"), p.getMessage());
        // lenient mode probes the convolution before the pooling
        assertEquals(1, PropagationProbe.of(pooled, java.util.List.of(), true).depth(), "lenient");
    }

    /** 2K images of one channel: ink N(0.5, 0.6^2) in the middle, empty margins of 3 pixels. */
    static ai.djl.ndarray.NDArray images(NDManager manager, int pairs, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        float[] x = new float[2 * pairs * SIDE * SIDE];
        for (int img = 0; img < 2 * pairs; img++) {
            for (int i = 3; i < SIDE - 3; i++) {
                for (int j = 3; j < SIDE - 3; j++) {
                    if (rng.nextDouble() < 0.5) {
                        x[img * SIDE * SIDE + i * SIDE + j] =
                                (float) (0.5 + 0.6 * rng.nextGaussian());
                    }
                }
            }
        }
        return manager.create(x, new Shape(2 * pairs, 1, SIDE, SIDE));
    }

    static void initialize(Block block, NDManager manager, Shape input) {
        block.initialize(manager, DataType.FLOAT32, input);
        ParameterStore store = new ParameterStore(manager, false);
        block.getParameters()
                .forEach(p -> store.getValue(p.getValue(), manager.getDevice(), false));
    }
}
