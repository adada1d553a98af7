package dev.eoc.examples.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DJL network on synthetic data: steps report sane numbers, a checkpoint restores the exact
 * predictions and the exact continuation of training, the probe measures every hidden layer.
 */
class DjlNetworkTest {

    private static final int FEATURES = 20;
    private static final int CLASSES = 3;
    private static final int ROWS = 64;

    @TempDir Path dir;

    static TrainingData.Batch batch(long seed) {
        Random r = new Random(seed);
        float[] x = new float[ROWS * FEATURES];
        int[] y = new int[ROWS];
        for (int i = 0; i < ROWS; i++) {
            y[i] = r.nextInt(CLASSES);
            for (int j = 0; j < FEATURES; j++) {
                x[i * FEATURES + j] = (float) (r.nextGaussian() + (j % CLASSES == y[i] ? 1 : 0));
            }
        }
        return new TrainingData.Batch(x, y, FEATURES);
    }

    static NetworkSpec spec(InitScheme scheme, long seed) {
        InitPoint p = InitPoint.resolve(scheme, Framework.DJL, Activations.tanh(), null, null);
        return new NetworkSpec("tanh", FEATURES, 6, 32, CLASSES, p, seed, 0.05, 2, null, Map.of());
    }

    @Test
    void stepsReportLossAndCorrectCounts() {
        try (DjlNetwork net = DjlNetwork.create(spec(InitScheme.EOC, 1))) {
            TrainableNetwork.StepResult first = net.step(batch(1));
            assertTrue(Double.isFinite(first.loss()) && first.loss() > 0, first.toString());
            assertTrue(first.correct() >= 0 && first.correct() <= ROWS, first.toString());
            for (int i = 0; i < 30; i++) {
                net.step(batch(1));
            }
            // the same batch 30 times at lr 0.05: the loss must have dropped
            assertTrue(net.step(batch(1)).loss() < first.loss());
            for (int label : net.predict(batch(2))) {
                assertTrue(label >= 0 && label < CLASSES);
            }
            assertFalse(net.listenerReports().isEmpty(), "listener reports every 2 batches");
        }
    }

    @Test
    void checkpointRestoresPredictionsAndTheContinuation() throws Exception {
        for (InitScheme scheme : new InitScheme[] {InitScheme.EOC, InitScheme.EOC_BN}) {
            Path file = dir.resolve(scheme.id() + ".params");
            int[] expected;
            double nextLoss;
            try (DjlNetwork a = DjlNetwork.create(spec(scheme, 1))) {
                for (int i = 0; i < 5; i++) {
                    a.step(batch(10 + i));
                }
                a.save(file);
                expected = a.predict(batch(99));
                nextLoss = a.step(batch(50)).loss();
            }
            try (DjlNetwork b = DjlNetwork.create(spec(scheme, 2))) {
                b.load(file);
                assertArrayEquals(expected, b.predict(batch(99)), scheme.id());
                // 1e-6: the same float32 operations on the same values
                assertEquals(nextLoss, b.step(batch(50)).loss(), 1e-6, scheme.id());
            }
        }
    }

    @Test
    void probeMeasuresEveryHiddenLayerWithOrWithoutBatchNorm() {
        try (DjlNetwork net = DjlNetwork.create(spec(InitScheme.EOC, 1))) {
            PropagationSnapshot s = net.measure(batch(3));
            assertEquals(6 + 1, s.depth(), "hidden layers and the output layer");
            assertFalse(s.theory().normalized());
        }
        try (DjlNetwork net = DjlNetwork.create(spec(InitScheme.EOC_BN, 1))) {
            PropagationSnapshot s = net.measure(batch(3));
            assertEquals(6 + 1, s.depth(), "every Linear layer, the theory stopping at BatchNorm");
            assertTrue(s.theory().normalized());
        }
    }
}
