package dev.eoc.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.params.BatchNormalizationParamInitializer;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The DL4J network of the training runs: its initialization statistics, the loss and count of one
 * step, save/load round trips (BatchNorm running statistics included), the listener, and a short
 * MNIST run on the Edge of Chaos against the ordered phase (Hayou, Doucet &amp; Rousseau 2019,
 * section 5).
 */
class Dl4jNetworkTest {

    /** Standard errors allowed for a variance estimate: a false alarm has probability ~6e-7. */
    private static final double SE_BOUND = 5;

    private static final String TANH = Activations.tanh().spec();
    private static final int MNIST_FEATURES = 784;
    private static final int CLASSES = 10;

    /** Lowest accepted EOC test accuracy (observed 0.67 to 0.73, chance 0.1). */
    private static final double MIN_EOC_ACCURACY = 0.5;

    /** Highest accepted ordered-phase test accuracy (observed 0.126: one class predicted). */
    private static final double MAX_ORDERED_ACCURACY = 0.25;

    private static final int MNIST_DEPTH = 20;
    private static final int MNIST_WIDTH = 64;
    private static final int MNIST_TRAIN = 2000;
    private static final int MNIST_TEST = 1000;
    private static final int MNIST_BATCH = 32;
    private static final int MNIST_EPOCHS = 3;
    private static final double MNIST_LEARNING_RATE = 1e-2;

    /** Batches averaged for the loss at the start and at the end of training. */
    private static final int LOSS_WINDOW = 10;

    @TempDir Path dir;

    private static InitPoint point(InitScheme scheme) {
        return InitPoint.resolve(scheme, Framework.DL4J, Activations.tanh(), null, null);
    }

    private static NetworkSpec spec(
            InitScheme scheme, int inputs, int depth, int width, int classes, long seed) {
        return spec(scheme, inputs, depth, width, classes, seed, 1e-2, 100, null);
    }

    private static NetworkSpec spec(
            InitScheme scheme,
            int inputs,
            int depth,
            int width,
            int classes,
            long seed,
            double learningRate,
            int listenerInterval,
            Path listenerFile) {
        return new NetworkSpec(
                TANH,
                inputs,
                depth,
                width,
                classes,
                point(scheme),
                seed,
                learningRate,
                listenerInterval,
                listenerFile,
                Map.of("test", "Dl4jNetworkTest"));
    }

    /** Gaussian features (unit variance) with random labels. */
    private static TrainingData randomData(int rows, int features, int classes, long seed) {
        Random rng = new Random(seed);
        float[] x = new float[rows * features];
        int[] y = new int[rows];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rng.nextGaussian();
        }
        for (int r = 0; r < rows; r++) {
            y[r] = rng.nextInt(classes);
        }
        return TrainingData.of(x, y, features, classes);
    }

    /** Mean of squares in double: the variance estimator for a quantity of known mean 0. */
    private static double meanSquare(INDArray a) {
        INDArray d = a.castTo(DataType.DOUBLE);
        return d.mul(d).meanNumber().doubleValue();
    }

    /**
     * For n i.i.d. N(0, v) values the mean of squares has mean v and standard error v sqrt(2 / n):
     * the bound below is {@value #SE_BOUND} of them.
     */
    private static void assertVariance(double expected, double measured, long n, String what) {
        double se = expected * Math.sqrt(2.0 / n);
        assertTrue(
                Math.abs(measured - expected) <= SE_BOUND * se,
                what + ": measured " + measured + ", expected " + expected + " +- 5 x " + se);
    }

    private static boolean isDense(Layer layer) {
        Object conf = layer.conf().getLayer();
        return conf instanceof DenseLayer || conf instanceof OutputLayer;
    }

    @ParameterizedTest
    @EnumSource(
            value = InitScheme.class,
            names = {"EOC", "EOC_BN", "ORDERED"})
    void everyDenseLayerIncludingTheOutputIsDrawnAtThePoint(InitScheme scheme) {
        InitPoint p = point(scheme);
        double weightVariance = p.sigmaW() * p.sigmaW();
        double biasVariance = p.sigmaB() * p.sigmaB();
        try (Dl4jNetwork n = Dl4jNetwork.create(spec(scheme, MNIST_FEATURES, 5, 400, CLASSES, 3))) {
            List<INDArray> biases = new ArrayList<>();
            int dense = 0;
            for (Layer layer : n.network().getLayers()) {
                if (!isDense(layer)) {
                    continue;
                }
                dense++;
                INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
                assertVariance(
                        weightVariance,
                        meanSquare(w) * w.size(0),
                        w.length(),
                        scheme + " layer " + layer.getIndex() + " sigma_w^2");
                biases.add(layer.getParam(DefaultParamInitializer.BIAS_KEY).reshape(-1));
            }
            assertEquals(5 + 1, dense, "5 hidden Dense layers and the output layer");
            INDArray b = Nd4j.concat(0, biases.toArray(INDArray[]::new));
            assertVariance(biasVariance, meanSquare(b), b.length(), scheme + " sigma_b^2");
        }
    }

    @Test
    void frameworkDefaultKeepsXavierAndZeroBiases() {
        try (Dl4jNetwork n =
                Dl4jNetwork.create(spec(InitScheme.DEFAULT, MNIST_FEATURES, 3, 400, CLASSES, 3))) {
            for (Layer layer : n.network().getLayers()) {
                INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
                // DL4J's XAVIER: N(0, 2 / (fan_in + fan_out))
                assertVariance(
                        2.0 / (w.size(0) + w.size(1)),
                        meanSquare(w),
                        w.length(),
                        "Xavier layer " + layer.getIndex());
                assertEquals(
                        0,
                        layer.getParam(DefaultParamInitializer.BIAS_KEY)
                                .amaxNumber()
                                .doubleValue());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(
            value = InitScheme.class,
            names = {"EOC", "EOC_BN", "DEFAULT"})
    void stepReturnsTheBatchLossAndTheCountBeforeTheUpdate(InitScheme scheme) {
        TrainingData data = randomData(64, 20, 5, 1);
        try (Dl4jNetwork n = Dl4jNetwork.create(spec(scheme, 20, 4, 32, 5, 2))) {
            for (int s = 0; s < 3; s++) {
                TrainingData.Batch batch = data.slice(s * 16, 16);
                INDArray x = features(batch);
                // before the update, in training mode (BatchNorm on batch statistics)
                INDArray probs = n.network().output(x, true);
                int expectedCorrect = 0;
                double expectedLoss = 0;
                for (int r = 0; r < batch.rows(); r++) {
                    int label = batch.labels()[r];
                    expectedCorrect += argMax(probs.getRow(r)) == label ? 1 : 0;
                    expectedLoss -= Math.log(probs.getDouble(r, label)) / batch.rows();
                }
                TrainableNetwork.StepResult result = n.step(batch);
                assertTrue(Double.isFinite(result.loss()), "loss " + result.loss());
                // float32 softmax and log: ~1e-6 relative, 1e-4 leaves room for summation order
                assertEquals(expectedLoss, result.loss(), 1e-4 * expectedLoss, scheme + " loss");
                assertEquals(expectedCorrect, result.correct(), scheme + " correct");
                assertTrue(result.correct() >= 0 && result.correct() <= batch.rows());
            }
            int[] predicted = n.predict(data.slice(0, 64));
            assertEquals(64, predicted.length);
            for (int c : predicted) {
                assertTrue(c >= 0 && c < 5, "class " + c);
            }
        }
    }

    private static INDArray features(TrainingData.Batch batch) {
        return Nd4j.create(batch.features(), new long[] {batch.rows(), batch.featureCount()}, 'c');
    }

    private static int argMax(INDArray row) {
        int best = 0;
        for (int i = 1; i < row.length(); i++) {
            if (row.getDouble(i) > row.getDouble(best)) {
                best = i;
            }
        }
        return best;
    }

    @ParameterizedTest
    @EnumSource(
            value = InitScheme.class,
            names = {"EOC", "EOC_BN"})
    void saveThenLoadIntoAnotherSeedGivesIdenticalPredictions(InitScheme scheme)
            throws IOException {
        TrainingData data = randomData(96, 20, 5, 4);
        Path file = dir.resolve(scheme.id() + ".params");
        try (Dl4jNetwork a = Dl4jNetwork.create(spec(scheme, 20, 3, 32, 5, 1));
                Dl4jNetwork b = Dl4jNetwork.create(spec(scheme, 20, 3, 32, 5, 2))) {
            for (int s = 0; s < 4; s++) {
                a.step(data.slice(s * 16, 16));
            }
            if (scheme.batchNorm()) {
                INDArray mean =
                        a.network()
                                .getLayer(1)
                                .getParam(BatchNormalizationParamInitializer.GLOBAL_MEAN);
                assertTrue(
                        mean.amaxNumber().doubleValue() > 0,
                        "the running mean moved away from 0, so the round trip covers it");
            }
            TrainingData.Batch test = data.slice(64, 32);
            assertNotEquals(a.network().params(), b.network().params());
            a.save(file);
            b.load(file);
            assertEquals(a.network().params(), b.network().params());
            assertArrayEquals(a.predict(test), b.predict(test));
            assertArrayEquals(
                    a.network().output(features(test), false).ravel().toFloatVector(),
                    b.network().output(features(test), false).ravel().toFloatVector());
        }
    }

    @Test
    void loadRejectsAFileOfAnotherSpec() throws IOException {
        Path file = dir.resolve("small.params");
        try (Dl4jNetwork small = Dl4jNetwork.create(spec(InitScheme.EOC, 20, 2, 16, 5, 1));
                Dl4jNetwork large = Dl4jNetwork.create(spec(InitScheme.EOC, 20, 3, 16, 5, 1))) {
            small.save(file);
            IOException e = assertThrows(IOException.class, () -> large.load(file));
            assertTrue(e.getMessage().contains("another spec"), e.getMessage());
        }
    }

    @Test
    void listenerReportsAtItsIntervalAndWritesItsFile() throws IOException {
        TrainingData data = randomData(160, 20, 5, 5);
        Path file = dir.resolve("listener.jsonl");
        NetworkSpec s = spec(InitScheme.EOC, 20, 4, 32, 5, 1, 1e-2, 4, file);
        try (Dl4jNetwork n = Dl4jNetwork.create(s)) {
            assertEquals(List.of(), n.listenerReports());
            for (int i = 0; i < 10; i++) {
                n.step(data.slice(i * 16, 16));
            }
            assertEquals(
                    List.of(0L, 4L, 8L),
                    n.listenerReports().stream().map(r -> r.snapshot().iteration()).toList());
            PropagationSnapshot snapshot = n.measure(data.slice(0, 8));
            assertEquals(4 + 1, snapshot.depth(), "hidden layers and the output layer");
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(1 + 3, lines.size(), "provenance line and three reports");
        assertTrue(lines.get(0).contains("Dl4jNetworkTest"), lines.get(0));
    }

    /** With BatchNorm the listener reports every dense layer, its theory stopping at the first. */
    @Test
    void batchNormTrainsWithTheListenerMeasuringEveryLayer() {
        TrainingData data = randomData(32, 20, 5, 6);
        try (Dl4jNetwork n =
                Dl4jNetwork.create(spec(InitScheme.EOC_BN, 20, 3, 16, 5, 1, 1e-2, 1, null))) {
            n.step(data.slice(0, 16));
            n.step(data.slice(16, 16));
            assertEquals(2, n.listenerReports().size());
            PropagationSnapshot s = n.measure(data.slice(0, 8));
            assertEquals(3 + 1, s.depth(), "hidden layers and the output layer");
            assertTrue(s.theory().normalized());
        }
    }

    @Test
    void closingTwiceIsHarmless() {
        Dl4jNetwork n = Dl4jNetwork.create(spec(InitScheme.EOC, 20, 2, 16, 5, 1));
        n.close();
        n.close();
    }

    /**
     * The paper's MNIST experiment, shrunk to fit a unit test (~12 s on 2 cores): depth 20, width
     * 64, tanh, 2000 training images, 3 epochs of batch 32 at learning rate 1e-2. In the ordered
     * phase (1, 1) the correlation depth scale is ~1 layer, so after 20 layers every image gives
     * the same output: the network predicts one class and its accuracy is that class's frequency
     * (0.126 on these 1000 test images, for seeds 1, 2, 3 and 7). On the Edge of Chaos it learns:
     * 0.67 to 0.73 over those seeds. The bounds leave ~0.15 of margin on each side.
     */
    @Test
    void shortMnistRunOnTheEdgeOfChaosBeatsTheOrderedPhase() {
        Path dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
        MnistRun eoc = mnist(InitScheme.EOC, dataDir);
        MnistRun ordered = mnist(InitScheme.ORDERED, dataDir);
        assertTrue(eoc.accuracy() >= MIN_EOC_ACCURACY, "EOC " + eoc);
        assertTrue(ordered.accuracy() <= MAX_ORDERED_ACCURACY, "ordered " + ordered);
        // observed: from ~2.27 over the first batches to ~0.9 over the last (ratio ~0.4)
        assertTrue(eoc.lastLoss() < 0.7 * eoc.firstLoss(), "EOC loss must fall: " + eoc);
    }

    /**
     * @param accuracy test accuracy after training
     * @param firstLoss mean loss of the first {@value #LOSS_WINDOW} batches
     * @param lastLoss mean loss of the last {@value #LOSS_WINDOW} batches
     */
    private record MnistRun(double accuracy, double firstLoss, double lastLoss) {}

    private static MnistRun mnist(InitScheme scheme, Path dataDir) {
        NetworkSpec s =
                spec(
                        scheme,
                        MNIST_FEATURES,
                        MNIST_DEPTH,
                        MNIST_WIDTH,
                        CLASSES,
                        7,
                        MNIST_LEARNING_RATE,
                        1000,
                        null);
        double scale = s.init().inputScale();
        TrainingData train =
                TrainingData.of(
                        Datasets.load(Datasets.MNIST, Split.TRAIN, dataDir), MNIST_TRAIN, scale);
        TrainingData test =
                TrainingData.of(
                        Datasets.load(Datasets.MNIST, Split.TEST, dataDir), MNIST_TEST, scale);
        List<Double> losses = new ArrayList<>();
        try (Dl4jNetwork n = Dl4jNetwork.create(s)) {
            for (int epoch = 0; epoch < MNIST_EPOCHS; epoch++) {
                int[] order = train.order(7, epoch);
                for (int from = 0; from < train.size(); from += MNIST_BATCH) {
                    int rows = Math.min(MNIST_BATCH, train.size() - from);
                    losses.add(n.step(train.batch(order, from, rows)).loss());
                }
            }
            TrainingData.Batch all = test.slice(0, test.size());
            int[] predicted = n.predict(all);
            int correct = 0;
            for (int r = 0; r < predicted.length; r++) {
                correct += predicted[r] == all.labels()[r] ? 1 : 0;
            }
            return new MnistRun(
                    correct / (double) predicted.length,
                    mean(losses.subList(0, LOSS_WINDOW)),
                    mean(losses.subList(losses.size() - LOSS_WINDOW, losses.size())));
        }
    }

    private static double mean(List<Double> x) {
        return x.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
    }
}
