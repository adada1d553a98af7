package dev.eoc.djl;

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
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import dev.eoc.core.diagnostics.PropagationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The listener inside real training loops on random data. */
class PropagationListenerTest {

    private static final int WIDTH = 200;
    private static final int DEPTH = 30;
    private static final int INPUTS = 50;

    @TempDir Path dir;

    /** Trains {@code batches} batches of 16 random rows; returns the listener. */
    private static PropagationListener train(
            SequentialBlock net,
            EocInitOptions init,
            float learningRate,
            int batches,
            PropagationListener listener) {
        try (Model model = Model.newInstance("eoc");
                NDManager data = NDManager.newBaseManager()) {
            net.add(Linear.builder().setUnits(10).build());
            model.setBlock(net);
            DefaultTrainingConfig config =
                    new DefaultTrainingConfig(Loss.l2Loss())
                            .optOptimizer(
                                    Optimizer.sgd()
                                            .setLearningRateTracker(Tracker.fixed(learningRate))
                                            .build())
                            .addTrainingListeners(listener);
            NDArray x = data.randomNormal(new Shape(16L * batches, INPUTS));
            NDArray y = data.randomNormal(new Shape(16L * batches, 10));
            ArrayDataset ds =
                    new ArrayDataset.Builder()
                            .setData(x)
                            .optLabels(y)
                            .setSampling(16, false)
                            .build();
            try (Trainer trainer = model.newTrainer(config)) {
                EocInit.apply(net, init);
                trainer.initialize(new Shape(16, INPUTS));
                trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
                for (Batch batch : trainer.iterateDataset(ds)) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                    batch.close();
                }
                trainer.notifyListeners(l -> l.onTrainingEnd(trainer));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
        return listener;
    }

    @Test
    void orderedNetworkAtOneOneIsReportedAsOrdered() {
        PropagationListener listener =
                train(
                        Networks.mlp(WIDTH, DEPTH, EocActivations::tanh),
                        EocInitOptions.withSeed(1).at(1, 1),
                        1e-3f,
                        3,
                        PropagationListener.builder().optInterval(2).build());
        List<PropagationReport> history = listener.history();
        assertEquals(2, history.size(), "reports after batches 1 and 3");
        assertEquals(1, history.get(0).snapshot().iteration());
        assertEquals(Verdict.ORDERED, history.get(0).diagnosis().verdict());
        assertFalse(listener.warnings().isEmpty());
    }

    @Test
    void edgeOfChaosNetworkIsHealthyAndReportsGoToJsonLinesAndCsv() throws Exception {
        for (String name : List.of("r.jsonl", "r.csv")) {
            Path file = dir.resolve(name);
            PropagationListener listener =
                    train(
                            Networks.mlp(WIDTH, DEPTH, EocActivations::tanh),
                            EocInitOptions.withSeed(2),
                            1e-3f,
                            2,
                            PropagationListener.builder()
                                    .optInterval(1)
                                    .optReportFile(file, Map.of("seed", "2"))
                                    .build());
            PropagationReport first = listener.history().get(0);
            assertEquals(Verdict.HEALTHY, first.diagnosis().verdict(), first.line());
            // gradients of the first backward pass are there: 31 Linear layers incl. the output
            assertEquals(DEPTH + 1, first.snapshot().depth());
            assertTrue(first.snapshot().layers().get(0).gradientNorm() > 0);
            List<String> lines = Files.readAllLines(file);
            if (name.endsWith(".jsonl")) {
                assertEquals(1 + 2, lines.size());
                assertTrue(lines.get(0).contains("\"seed\":\"2\""), lines.get(0));
            } else {
                // 2 provenance lines we pass + framework, engine, interval; header; 2 x 32 rows
                assertEquals(1 + 3 + 1 + 2 * (DEPTH + 2), lines.size());
            }
        }
    }

    @Test
    void divergingRunWarnsAndTrainingCarriesOn() {
        PropagationListener listener =
                train(
                        Networks.mlp(WIDTH, 20, EocActivations::tanh),
                        EocInitOptions.withSeed(3),
                        1e6f,
                        6,
                        PropagationListener.builder().optInterval(1).build());
        assertEquals(6, listener.history().size());
        PropagationReport last = listener.latest().orElseThrow();
        assertTrue(last.diagnosis().isWarning(), last.line());
        assertFalse(listener.isDisabled());
    }

    @Test
    void aBrokenProbeNeverThrowsIntoTrainingAndDisablesTheListener() {
        try (NDManager m = NDManager.newBaseManager()) {
            // wrong input width: every report fails inside the forward pass
            PropagationListener listener =
                    train(
                            Networks.mlp(WIDTH, 3, EocActivations::tanh),
                            EocInitOptions.withSeed(4),
                            1e-3f,
                            8,
                            PropagationListener.builder()
                                    .optInterval(1)
                                    .optProbe(m.ones(new Shape(2, INPUTS + 7)))
                                    .build());
            assertTrue(listener.isDisabled());
            assertTrue(listener.history().isEmpty());
        }
    }
}
