package dev.eoc.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.diagnostics.LayerStatistics;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Real MNIST training runs with the DL4J listener: depth 20, width 100, batch 32, EOC tanh. A
 * normal run (300 iterations, SGD 0.01) produces its reports and a JSON Lines file; a diverging run
 * (learning rate 1e4) warns and finishes without an exception.
 */
class Dl4jMnistTrainingTest {

    private static final int DEPTH = 20;
    private static final int WIDTH = 100;
    private static final int BATCH = 32;
    private static final int ITERATIONS = 300;
    private static final int CLASSES = 10;
    private static INDArray features;
    private static INDArray labels;

    @TempDir Path dir;

    @BeforeAll
    static void load() {
        Path dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
        ImageDataset mnist =
                Datasets.load(Datasets.MNIST, Split.TRAIN, dataDir).subset(BATCH * ITERATIONS);
        int n = mnist.size();
        float[][] x = new float[n][mnist.featureCount()];
        float[][] y = new float[n][CLASSES];
        for (int i = 0; i < n; i++) {
            mnist.features(i, x[i], 1.0);
            y[i][mnist.label(i)] = 1;
        }
        features = Nd4j.create(x);
        labels = Nd4j.create(y);
    }

    private static PropagationListener train(double learningRate, PropagationListener listener) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(7)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(learningRate))
                        .list();
        int in = (int) features.size(1);
        for (int l = 0; l < DEPTH; l++) {
            b.layer(
                    new DenseLayer.Builder()
                            .nIn(in)
                            .nOut(WIDTH)
                            .activation(new ActivationTanH())
                            .build());
            in = WIDTH;
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(WIDTH)
                        .nOut(CLASSES)
                        .activation(new ActivationSoftmax())
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        EocInit.apply(net, EocInitOptions.withSeed(7));
        net.setListeners(listener);
        for (int i = 0; i < ITERATIONS; i++) {
            int from = i * BATCH;
            net.fit(
                    new DataSet(
                            features.get(
                                    org.nd4j.linalg.indexing.NDArrayIndex.interval(
                                            from, from + BATCH)),
                            labels.get(
                                    org.nd4j.linalg.indexing.NDArrayIndex.interval(
                                            from, from + BATCH))));
        }
        listener.close();
        return listener;
    }

    private static ProbeSet probe() {
        return ProbeSet.pairsFrom(features, 4, 11);
    }

    @Test
    void shortMnistRunProducesReports() throws Exception {
        Path file = dir.resolve("mnist.jsonl");
        PropagationListener listener =
                train(0.01, PropagationListener.of(probe(), 100, file, Map.of("dataset", "mnist")));
        List<PropagationReport> history = listener.history();
        assertEquals(
                List.of(0L, 100L, 200L),
                history.stream().map(r -> r.snapshot().iteration()).toList());
        assertEquals(DEPTH + 1, history.get(0).snapshot().depth());
        assertFalse(history.get(0).diagnosis().isWarning(), history.get(0).line());
        for (LayerStatistics l : history.get(2).snapshot().layers()) {
            assertTrue(
                    Double.isFinite(l.gradientNorm()) && l.gradientNorm() > 0,
                    history.get(2).line());
        }
        assertEquals(1 + 3, Files.readAllLines(file).size());
    }

    @Test
    void divergingRunWarnsAndDoesNotCrash() {
        PropagationListener listener = train(1e4, PropagationListener.of(probe(), 20));
        assertTrue(
                listener.history().stream().anyMatch(r -> r.diagnosis().isWarning()),
                "expected a warning from a diverging run");
        assertEquals(ITERATIONS / 20, listener.history().size());
    }
}
