package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.diagnostics.LayerStatistics;
import dev.eoc.core.diagnostics.PropagationReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The listener inside real DL4J training loops. */
class PropagationListenerTest {

    private static final int IN = 64;
    private static final int WIDTH = 128;
    private static final int DEPTH = 20;

    @Test
    void reportsAtItsIntervalWithGradientsAndWritesCsv(@TempDir Path dir) throws Exception {
        MultiLayerNetwork net =
                Nets.mlp(
                        IN,
                        WIDTH,
                        Collections.nCopies(DEPTH, new ActivationTanH()),
                        4,
                        null,
                        1,
                        0.01);
        EocInit.apply(net, EocInitOptions.withSeed(1));
        Path csv = dir.resolve("reports.csv");
        try (PropagationListener listener =
                PropagationListener.of(
                        ProbeSet.correlatedPairs(IN, 4, 1, 0.5, 3),
                        10,
                        csv,
                        Map.of("test", "listener"))) {
            net.setListeners(listener);
            DataSet batch = regressionBatch(32, 1);
            for (int i = 0; i < 25; i++) {
                net.fit(batch);
            }
            List<PropagationReport> history = listener.history();
            assertEquals(
                    List.of(0L, 10L, 20L),
                    history.stream().map(r -> r.snapshot().iteration()).toList());
            for (PropagationReport r : history) {
                assertEquals(DEPTH + 1, r.snapshot().depth());
                for (LayerStatistics l : r.snapshot().layers()) {
                    assertTrue(l.gradientNorm() > 0 && Double.isFinite(l.gradientNorm()), r.line());
                }
                assertFalse(r.diagnosis().isWarning(), r.line());
            }
            assertEquals(history.get(2), listener.latest().orElseThrow());
        }
        String text = Files.readString(csv);
        // one row per layer and report after the provenance and header lines
        long rows = text.lines().filter(line -> !line.startsWith("#")).count();
        assertTrue(rows >= 3 * (DEPTH + 1), text.lines().limit(5).toList().toString());
        assertTrue(text.contains("listener"), "provenance missing");
    }

    @Test
    void divergingTrainingWarnsAndDoesNotCrash() {
        MultiLayerNetwork net =
                Nets.mlp(
                        IN,
                        WIDTH,
                        Collections.nCopies(DEPTH, new ActivationTanH()),
                        4,
                        null,
                        1,
                        1e6);
        EocInit.apply(net, EocInitOptions.withSeed(1));
        PropagationListener listener =
                PropagationListener.of(ProbeSet.correlatedPairs(IN, 4, 1, 0.5, 3), 2);
        net.setListeners(listener);
        DataSet batch = regressionBatch(32, 2);
        for (int i = 0; i < 10; i++) {
            net.fit(batch);
        }
        PropagationReport last = listener.latest().orElseThrow();
        assertTrue(last.diagnosis().isWarning(), last.line());
        assertFalse(last.diagnosis().message().isEmpty());
    }

    @Test
    void aFailingProbeIsLoggedNotThrown() {
        MultiLayerNetwork net = Nets.mlp(IN, 16, 2, new ActivationTanH(), 4, 1);
        // probe rows of the wrong width: every measurement fails inside the network
        PropagationListener listener =
                PropagationListener.of(ProbeSet.correlatedPairs(IN + 3, 2, 1, 0.5, 3), 1);
        net.setListeners(listener);
        DataSet batch = regressionBatch(8, 3);
        for (int i = 0; i < 3; i++) {
            net.fit(batch);
        }
        assertTrue(listener.history().isEmpty());
        assertEquals(3, net.getIterationCount());
    }

    /**
     * DL4J hands listeners the gradient of the summed loss; the listener reports that of the mean
     * loss, as DJL does. Before the fix the same 16 rows repeated 8 times gave 8.0x the norm.
     */
    @Test
    void gradientNormsAreOfTheMeanLossWhateverTheBatchSize() {
        MultiLayerNetwork a = Nets.mlp(IN, WIDTH, 5, new ActivationTanH(), 4, 1);
        EocInit.apply(a, EocInitOptions.withSeed(1));
        MultiLayerNetwork b = a.clone();
        DataSet rows16 = regressionBatch(16, 5);
        INDArray x8 =
                Nd4j.concat(
                        0,
                        java.util.Collections.nCopies(8, rows16.getFeatures())
                                .toArray(new INDArray[0]));
        INDArray y8 =
                Nd4j.concat(
                        0,
                        java.util.Collections.nCopies(8, rows16.getLabels())
                                .toArray(new INDArray[0]));
        PropagationListener la =
                PropagationListener.of(ProbeSet.correlatedPairs(IN, 4, 1, 0.5, 3), 1);
        PropagationListener lb =
                PropagationListener.of(ProbeSet.correlatedPairs(IN, 4, 1, 0.5, 3), 1);
        a.setListeners(la);
        b.setListeners(lb);
        a.fit(rows16);
        b.fit(new DataSet(x8, y8));
        List<LayerStatistics> sa = la.history().get(0).snapshot().layers();
        List<LayerStatistics> sb = lb.history().get(0).snapshot().layers();
        for (int l = 0; l < sa.size(); l++) {
            double ga = sa.get(l).gradientNorm();
            double gb = sb.get(l).gradientNorm();
            assertTrue(ga > 0 && Double.isFinite(ga), "layer " + (l + 1) + ": " + ga);
            // float32 sums over 16 vs 128 rows: agree to rounding, not to a factor 8
            assertEquals(ga, gb, 1e-4 * ga, "layer " + (l + 1));
        }
    }

    /**
     * The first report is of the network at initialization (before the first update; it used to be
     * taken after it and labelled 0), and reporting at every step leaves training unchanged.
     */
    @Test
    void firstReportIsAtInitializationAndReportingDoesNotChangeTraining() {
        MultiLayerNetwork a = Nets.mlp(IN, WIDTH, 5, new ActivationTanH(), 4, 1);
        EocInit.apply(a, EocInitOptions.withSeed(1));
        MultiLayerNetwork b = a.clone();
        ProbeSet probe = ProbeSet.correlatedPairs(IN, 4, 1, 0.5, 3);
        var before = PropagationProbe.measure(a, probe);
        PropagationListener l = PropagationListener.of(probe, 1);
        a.setListeners(l);
        DataSet batch = regressionBatch(32, 1);
        for (int i = 0; i < 5; i++) {
            a.fit(batch);
            b.fit(batch);
        }
        var first = l.history().get(0).snapshot();
        assertEquals(0, first.iteration());
        for (int layer = 1; layer <= first.depth(); layer++) {
            assertEquals(before.qEmpirical()[layer], first.qEmpirical()[layer], 0, "q_" + layer);
        }
        assertEquals(5, l.history().size());
        assertEquals(b.params(), a.params());
    }

    @Test
    void aFailingProbeDisablesTheListenerWithOneWarningAndTrainingGoesOn() {
        MultiLayerNetwork net = Nets.mlp(IN, WIDTH, 3, new ActivationTanH(), 4, 1);
        // probe rows of the wrong width: every forward pass of them fails
        PropagationListener l =
                PropagationListener.of(ProbeSet.correlatedPairs(IN + 3, 2, 1, 0.5, 3), 1);
        net.setListeners(l);
        DataSet batch = regressionBatch(16, 1);
        for (int i = 0; i < 3; i++) {
            net.fit(batch);
        }
        assertTrue(l.isDisabled());
        assertTrue(l.history().isEmpty());
        assertEquals(3, net.getIterationCount());
    }

    /**
     * Dense -> BatchNormalization: the listener used to monitor layer 0 only, print chi1=nan and
     * say "healthy", then refused such networks. Now it monitors every dense layer, its theory
     * stopping at the BatchNormalization (NaN after it), and its verdicts rest on what it measures;
     * the report line says so (theory=until-batchnorm).
     */
    @Test
    void batchNormalizationIsMeasuredThroughAndTheTheoryStopsAtIt() {
        var conf =
                new org.deeplearning4j.nn.conf.NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .list()
                        .layer(
                                new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                                        .nIn(IN)
                                        .nOut(WIDTH)
                                        .activation(new ActivationTanH())
                                        .build())
                        .layer(
                                new org.deeplearning4j.nn.conf.layers.BatchNormalization.Builder()
                                        .nOut(WIDTH)
                                        .build())
                        .layer(
                                new org.deeplearning4j.nn.conf.layers.DenseLayer.Builder()
                                        .nIn(WIDTH)
                                        .nOut(WIDTH)
                                        .activation(new ActivationTanH())
                                        .build())
                        .layer(
                                new org.deeplearning4j.nn.conf.layers.OutputLayer.Builder(
                                                org.nd4j.linalg.lossfunctions.LossFunctions
                                                        .LossFunction.MSE)
                                        .nIn(WIDTH)
                                        .nOut(4)
                                        .activation(
                                                new org.nd4j.linalg.activations.impl
                                                        .ActivationIdentity())
                                        .build())
                        .build();
        MultiLayerNetwork net = new MultiLayerNetwork(conf);
        net.init();
        assertEquals(3, PropagationProbe.of(net).depth(), "every dense layer is monitored");
        PropagationListener l =
                PropagationListener.of(ProbeSet.correlatedPairs(IN, 2, 1, 0.5, 3), 1);
        net.setListeners(l);
        net.fit(regressionBatch(16, 1));
        net.fit(regressionBatch(16, 2));
        assertFalse(l.isDisabled());
        assertEquals(2, l.history().size());
        var first = l.history().get(0).snapshot();
        assertTrue(first.theory().normalized());
        assertTrue(Double.isFinite(first.qTheory()[1]) && Double.isNaN(first.qTheory()[2]));
        assertTrue(l.history().get(0).line().contains("theory=until-batchnorm"));
    }

    private static DataSet regressionBatch(int rows, long seed) {
        Nd4j.getRandom().setSeed(seed);
        INDArray x = Nd4j.randn(DataType.FLOAT, rows, IN);
        INDArray y = Nd4j.randn(DataType.FLOAT, rows, 4);
        return new DataSet(x, y);
    }
}
