package dev.eoc.examples.train;

import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.dl4j.Dl4jActivations;
import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import dev.eoc.dl4j.PropagationProbe;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The residual MLP of a {@link NetworkSpec} ({@code --arch resmlp}) in DL4J: the ComputationGraph
 * of {@link Dl4jResidualGraph}, every Dense layer at the spec's point by eoc-dl4j's {@link
 * EocInit}, plain SGD, the listener judging it by the residual theory. A step counts the rows
 * classified correctly before its update with one inference pass before {@code fit} (the graph has
 * no BatchNorm or dropout, so it equals the training pass; {@link Dl4jNetwork}'s shortcut through
 * the forward-pass listener reads activations that a graph's ActivationLayers overwrite in place).
 */
final class Dl4jResidualNetwork implements TrainableNetwork {

    private final NetworkSpec spec;
    private final ComputationGraph graph;
    private PropagationListener listener;
    private boolean listenerDecided;
    private boolean closed;

    private Dl4jResidualNetwork(NetworkSpec spec, ComputationGraph graph) {
        this.spec = spec;
        this.graph = graph;
    }

    /** Builds and initializes the residual network of a spec. */
    static Dl4jResidualNetwork create(NetworkSpec spec) {
        IActivation phi = Dl4jActivations.toDl4j(Dl4jActivations.parse(spec.activation()));
        ComputationGraph graph =
                new ComputationGraph(
                        Dl4jResidualGraph.configuration(
                                spec.inputs(),
                                spec.width(),
                                spec.depth(),
                                phi,
                                spec.architecture().branchScale(),
                                spec.classes(),
                                spec.seed(),
                                spec.learningRate()));
        graph.init();
        InitPoint p = spec.init();
        if (!p.frameworkDefault()) {
            EocInit.apply(graph, EocInitOptions.withSeed(spec.seed()).at(p.sigmaB(), p.sigmaW()));
        }
        return new Dl4jResidualNetwork(spec, graph);
    }

    @Override
    public StepResult step(TrainingData.Batch batch) {
        INDArray x = features(batch);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch.rows(), spec.classes());
        for (int r = 0; r < batch.rows(); r++) {
            y.putScalar(r, batch.labels()[r], 1f);
        }
        attachListener(x);
        int correct = count(Nd4j.argMax(graph.outputSingle(false, x), 1).toIntVector(), batch);
        graph.fit(new DataSet(x, y));
        return new StepResult(graph.score(), correct);
    }

    @Override
    public int[] predict(TrainingData.Batch batch) {
        return Nd4j.argMax(graph.outputSingle(false, features(batch)), 1).toIntVector();
    }

    @Override
    public PropagationSnapshot measure(TrainingData.Batch pairs) {
        return PropagationProbe.of(graph).measure(graph, new ProbeSet(features(pairs)), 0, null);
    }

    @Override
    public long listenerNanos() {
        return listener == null ? 0 : listener.reportNanos();
    }

    @Override
    public List<PropagationReport> listenerReports() {
        return listener == null ? List.of() : listener.history();
    }

    @Override
    public void shiftHiddenBiases(double delta) {
        for (org.deeplearning4j.nn.api.Layer layer : graph.getLayers()) {
            INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
            if (b != null && !layer.conf().getLayer().getLayerName().equals("out")) {
                b.addi(delta);
            }
        }
    }

    @Override
    public void save(Path file) throws IOException {
        Dl4jParameters.save(graph.params(), file);
    }

    @Override
    public void load(Path file) throws IOException {
        graph.setParams(Dl4jParameters.load(file, graph.params()));
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (listener != null) {
            listener.close();
        }
        graph.close();
    }

    private static int count(int[] predicted, TrainingData.Batch batch) {
        int c = 0;
        for (int r = 0; r < predicted.length; r++) {
            c += predicted[r] == batch.labels()[r] ? 1 : 0;
        }
        return c;
    }

    private INDArray features(TrainingData.Batch batch) {
        return Nd4j.create(batch.features(), new long[] {batch.rows(), batch.featureCount()}, 'c');
    }

    /** Attaches the signal-propagation listener once, probing the first batch; never throws. */
    private void attachListener(INDArray firstBatch) {
        if (listenerDecided || firstBatch.rows() < 2) {
            return;
        }
        listenerDecided = true;
        listener = Dl4jListeners.attach(graph, firstBatch, spec);
    }
}
