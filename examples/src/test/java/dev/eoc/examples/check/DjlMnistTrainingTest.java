package dev.eoc.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.core.Linear;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.EasyTrain;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.ArrayDataset;
import ai.djl.training.dataset.Batch;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.PropagationListener;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real MNIST training runs with the listener: depth 20, width 100, batch 32. A normal run (300
 * iterations, SGD 0.01) produces its reports and a JSON Lines file; a diverging run (learning rate
 * 1e4, 60 iterations) produces a warning and finishes without an exception.
 */
class DjlMnistTrainingTest {

    private static final int DEPTH = 20;
    private static final int WIDTH = 100;
    private static final int BATCH = 32;
    private static final int ITERATIONS = 300;
    private static ImageDataset mnist;

    @TempDir Path dir;

    @BeforeAll
    static void load() {
        Path dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
        mnist = Datasets.load(Datasets.MNIST, Split.TRAIN, dataDir).subset(BATCH * ITERATIONS);
    }

    private static PropagationListener train(
            float learningRate, int iterations, PropagationListener listener) throws Exception {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < DEPTH; l++) {
            net.add(Linear.builder().setUnits(WIDTH).build()).add(EocActivations.tanh());
        }
        net.add(Linear.builder().setUnits(10).build());
        try (Model model = Model.newInstance("mnist");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(net);
            int n = Math.min(mnist.size(), iterations * BATCH);
            int features = mnist.featureCount();
            float[] x = new float[n * features];
            float[] row = new float[features];
            float[] y = new float[n];
            for (int i = 0; i < n; i++) {
                mnist.features(i, row, 1.0);
                System.arraycopy(row, 0, x, i * features, features);
                y[i] = mnist.label(i);
            }
            NDArray xs = data.create(x, new Shape(n, features));
            NDArray ys = data.create(y, new Shape(n));
            ArrayDataset ds =
                    new ArrayDataset.Builder()
                            .setData(xs)
                            .optLabels(ys)
                            .setSampling(BATCH, false)
                            .build();
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(learningRate))
                                            .build())
                            .addTrainingListeners(listener);
            try (Trainer trainer = model.newTrainer(config)) {
                EocInit.apply(trainer, EocInitOptions.withSeed(7));
                trainer.initialize(new Shape(BATCH, features));
                trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
                for (Batch batch : trainer.iterateDataset(ds)) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                    batch.close();
                }
                trainer.notifyListeners(l -> l.onTrainingEnd(trainer));
            }
        }
        return listener;
    }

    @Test
    void shortMnistRunProducesReports() throws Exception {
        Path file = dir.resolve("mnist.jsonl");
        PropagationListener listener =
                train(
                        0.01f,
                        ITERATIONS,
                        PropagationListener.builder()
                                .optInterval(100)
                                .optReportFile(file, Map.of("dataset", "mnist"))
                                .build());
        List<PropagationReport> history = listener.history();
        assertEquals(3, history.size(), "reports after batches 1, 101 and 201");
        assertEquals(DEPTH + 1, history.get(0).snapshot().depth());
        assertFalse(history.get(0).diagnosis().isWarning(), history.get(0).line());
        assertEquals(1 + 3, Files.readAllLines(file).size());
        assertTrue(listener.reportNanos() > 0);
    }

    @Test
    void divergingRunWarnsAndDoesNotCrash() throws Exception {
        PropagationListener listener =
                train(1e4f, 60, PropagationListener.builder().optInterval(20).build());
        assertFalse(listener.warnings().isEmpty(), "expected a warning from a diverging run");
        assertFalse(listener.isDisabled());
    }
}
