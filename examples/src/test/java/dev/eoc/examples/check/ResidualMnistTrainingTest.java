package dev.eoc.examples.check;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
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
import dev.eoc.core.diagnostics.FiniteWidthBand;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.ResidualBlock;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A depth-50 residual MLP (an embedding Linear layer, 49 blocks y + A (W tanh(y) + b) with A =
 * 1/sqrt(49), tanh, a softmax output; width 100) trains on MNIST in both frameworks with the
 * listener on: the first report, at initialization, follows the residual theory (no layer outside
 * the finite-width band, healthy), and the trained network beats chance by far.
 */
class ResidualMnistTrainingTest {

    private static final Logger LOG = LoggerFactory.getLogger(ResidualMnistTrainingTest.class);

    private static final int BLOCKS = 49;
    private static final int WIDTH = 100;
    private static final int BATCH = 32;
    private static final int ITERATIONS = 200;
    private static final int TEST = 1000;
    private static final double ALPHA = 1 / Math.sqrt(BLOCKS);

    /**
     * Measured on the 2-core AMD EPYC VM: DJL 0.78, DL4J 0.80 after 200 SGD steps (lr 0.01); chance
     * is 0.1.
     */
    private static final double MIN_ACCURACY = 0.5;

    private static float[][] x;
    private static int[] y;

    @BeforeAll
    static void load() {
        Path dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
        ImageDataset mnist =
                Datasets.load(Datasets.MNIST, Split.TRAIN, dataDir)
                        .subset(BATCH * ITERATIONS + TEST);
        x = new float[mnist.size()][mnist.featureCount()];
        y = new int[mnist.size()];
        for (int i = 0; i < mnist.size(); i++) {
            mnist.features(i, x[i], 1.0);
            y[i] = mnist.label(i);
        }
    }

    private static void assertFollowsTheResidualTheory(PropagationReport first) {
        assertTrue(first.snapshot().theory().residual());
        assertEquals(Verdict.HEALTHY, first.diagnosis().verdict(), first.line());
        FiniteWidthBand band = FiniteWidthBand.of(first.snapshot());
        assertTrue(band.layersOutside() <= 1, "layers outside the band: " + band);
    }

    @Test
    void djlResidualMlpTrainsWithTheListener() throws Exception {
        SequentialBlock net = new SequentialBlock().add(Linear.builder().setUnits(WIDTH).build());
        for (int b = 0; b < BLOCKS; b++) {
            net.add(
                    ResidualBlock.of(
                            new SequentialBlock()
                                    .add(EocActivations.tanh())
                                    .add(Linear.builder().setUnits(WIDTH).build()),
                            ALPHA));
        }
        net.add(EocActivations.tanh()).add(Linear.builder().setUnits(10).build());
        dev.eoc.djl.PropagationListener listener =
                dev.eoc.djl.PropagationListener.builder().optInterval(50).build();
        double accuracy;
        try (Model model = Model.newInstance("resmlp");
                NDManager data = NDManager.newBaseManager()) {
            model.setBlock(net);
            int n = BATCH * ITERATIONS;
            NDArray xs = data.create(flat(0, n), new Shape(n, x[0].length));
            NDArray ys = data.create(labels(0, n), new Shape(n));
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
                                            .setLearningRateTracker(Tracker.fixed(0.01f))
                                            .build())
                            .addTrainingListeners(listener);
            try (Trainer trainer = model.newTrainer(config)) {
                EocInit.apply(trainer, EocInitOptions.withSeed(3));
                trainer.initialize(new Shape(BATCH, x[0].length));
                trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
                for (Batch batch : trainer.iterateDataset(ds)) {
                    EasyTrain.trainBatch(trainer, batch);
                    trainer.step();
                    batch.close();
                }
                trainer.notifyListeners(l -> l.onTrainingEnd(trainer));
                NDArray test = data.create(flat(n, TEST), new Shape(TEST, x[0].length));
                NDArray predicted = trainer.evaluate(new NDList(test)).singletonOrThrow();
                long[] classes = predicted.argMax(1).toLongArray();
                int correct = 0;
                for (int i = 0; i < TEST; i++) {
                    correct += classes[i] == y[n + i] ? 1 : 0;
                }
                accuracy = correct / (double) TEST;
            }
        }
        assertTrue(listener.history().size() >= 4, listener.history().size() + " reports");
        assertEquals(BLOCKS + 2, listener.history().get(0).snapshot().depth());
        assertFollowsTheResidualTheory(listener.history().get(0));
        LOG.info("DJL residual MLP: test accuracy {} after {} steps", accuracy, ITERATIONS);
        assertTrue(accuracy >= MIN_ACCURACY, "DJL residual MLP accuracy " + accuracy);
    }

    @Test
    void dl4jResidualGraphTrainsWithTheListener() {
        ComputationGraphConfiguration.GraphBuilder g =
                new NeuralNetConfiguration.Builder()
                        .seed(3)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(0.01))
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer(
                                "embed",
                                new DenseLayer.Builder()
                                        .nIn(x[0].length)
                                        .nOut(WIDTH)
                                        .activation(Activation.IDENTITY)
                                        .build(),
                                "in");
        String stream = "embed";
        for (int b = 1; b <= BLOCKS; b++) {
            g.addLayer("act" + b, new ActivationLayer(Activation.TANH), stream)
                    .addLayer(
                            "fc" + b,
                            new DenseLayer.Builder()
                                    .nIn(WIDTH)
                                    .nOut(WIDTH)
                                    .activation(Activation.IDENTITY)
                                    .build(),
                            "act" + b)
                    .addVertex("scale" + b, new ScaleVertex(ALPHA), "fc" + b)
                    .addVertex(
                            "add" + b,
                            new ElementWiseVertex(ElementWiseVertex.Op.Add),
                            stream,
                            "scale" + b);
            stream = "add" + b;
        }
        g.addLayer("top", new ActivationLayer(Activation.TANH), stream)
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nIn(WIDTH)
                                .nOut(10)
                                .activation(Activation.SOFTMAX)
                                .build(),
                        "top")
                .setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        dev.eoc.dl4j.EocInit.apply(graph, dev.eoc.dl4j.EocInitOptions.withSeed(3));
        int n = BATCH * ITERATIONS;
        ProbeSet probe =
                ProbeSet.pairsFrom(
                        Nd4j.create(x)
                                .get(
                                        org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 64),
                                        org.nd4j.linalg.indexing.NDArrayIndex.all()),
                        4,
                        1);
        dev.eoc.dl4j.PropagationListener listener = dev.eoc.dl4j.PropagationListener.of(probe, 50);
        graph.setListeners(listener);
        DataSet train = dataSet(0, n);
        for (DataSet batch : train.batchBy(BATCH)) {
            graph.fit(batch);
        }
        int[] predicted =
                graph.outputSingle(dataSet(n, TEST).getFeatures()).argMax(1).toIntVector();
        int correct = 0;
        for (int i = 0; i < TEST; i++) {
            correct += predicted[i] == y[n + i] ? 1 : 0;
        }
        double accuracy = correct / (double) TEST;
        List<PropagationReport> history = listener.history();
        assertTrue(history.size() >= 4, history.size() + " reports");
        assertEquals(BLOCKS + 2, history.get(0).snapshot().depth());
        assertFollowsTheResidualTheory(history.get(0));
        LOG.info("DL4J residual graph: test accuracy {} after {} steps", accuracy, ITERATIONS);
        assertTrue(accuracy >= MIN_ACCURACY, "DL4J residual graph accuracy " + accuracy);
    }

    private static float[] flat(int from, int n) {
        int d = x[0].length;
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[from + i], 0, out, i * d, d);
        }
        return out;
    }

    private static float[] labels(int from, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = y[from + i];
        }
        return out;
    }

    private static DataSet dataSet(int from, int n) {
        float[][] rows = new float[n][];
        float[][] oneHot = new float[n][10];
        for (int i = 0; i < n; i++) {
            rows[i] = x[from + i];
            oneHot[i][y[from + i]] = 1;
        }
        return new DataSet(Nd4j.create(rows), Nd4j.create(oneHot));
    }
}
