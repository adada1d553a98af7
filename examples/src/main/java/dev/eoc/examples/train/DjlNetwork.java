package dev.eoc.examples.train;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.Blocks;
import ai.djl.nn.Parameter;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Conv2d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.Trainer;
import ai.djl.training.dataset.Batch;
import ai.djl.training.listener.TrainingListener.BatchData;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.Tracker;
import ai.djl.translate.Batchifier;
import ai.djl.util.Pair;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.djl.EocActivations;
import dev.eoc.djl.EocBiasInitializer;
import dev.eoc.djl.EocInit;
import dev.eoc.djl.EocInitOptions;
import dev.eoc.djl.EocWeightInitializer;
import dev.eoc.djl.PropagationListener;
import dev.eoc.djl.PropagationProbe;
import dev.eoc.djl.ResidualBlock;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link NetworkSpec} trained in DJL (PyTorch engine, float32, the engine's default device).
 *
 * <p>EOC and ordered points are set with eoc-djl's {@link EocInit} (every Linear layer, the output
 * layer included); with BatchNorm the Linear layers get the same initializers directly, since the
 * probe and {@code EocInit} pair a Linear layer with the activation right after it.
 *
 * <p>Two step implementations compute the same SGD update (tested to float rounding):
 *
 * <ul>
 *   <li>{@link DjlPipelinedSgd}, the default wherever it applies (CPU, tanh, ReLU or ELU(1), with
 *       or without BatchNorm): the backward pass written out and run on two single-threaded
 *       workers, 2-3.6x faster on the paper's network (docs/BENCHMARKS.md). The listener is
 *       notified after the update.
 *   <li>DJL's Trainer: {@code EasyTrain.trainBatch} for one device, written out so that the loss
 *       and the predictions of the step are available without a second forward pass; the listener
 *       is notified exactly as {@code EasyTrain} does (after the backward pass, before the update).
 *       Used for every other network, and for all of them with the system property {@code
 *       eoc.djl.trainer-step=true}.
 * </ul>
 */
final class DjlNetwork implements TrainableNetwork {

    private static final Logger LOG = LoggerFactory.getLogger(DjlNetwork.class);

    /**
     * BatchNorm's running-statistics momentum: DJL's default (running = 0.9 running + 0.1 batch).
     */
    static final float BATCH_NORM_MOMENTUM = 0.9f;

    /** BatchNorm's epsilon in 1 / sqrt(var + eps): DJL's default. */
    static final float BATCH_NORM_EPSILON = 1e-5f;

    /** Rows of the shape {@code trainer.initialize} sees (BatchNorm needs more than one). */
    private static final int INIT_ROWS = 2;

    private final Model model;
    private final SequentialBlock net;
    private final Trainer trainer;
    private final PropagationListener listener;

    /** One row's shape: (features), or (channels, height, width) for the CNN. */
    private final Shape inputShape;

    private final DjlPipelinedSgd pipelined;
    private long steps;

    private DjlNetwork(
            Model model,
            SequentialBlock net,
            Trainer trainer,
            PropagationListener listener,
            Shape inputShape,
            DjlPipelinedSgd pipelined) {
        this.model = model;
        this.net = net;
        this.trainer = trainer;
        this.listener = listener;
        this.inputShape = inputShape;
        this.pipelined = pipelined;
    }

    /** Builds, initializes and prepares the network of a spec for training. */
    static DjlNetwork create(NetworkSpec spec) {
        Architecture arch = spec.architecture();
        SequentialBlock net =
                arch.residual() ? residualMlp(spec) : arch.convolutional() ? cnn(spec) : mlp(spec);
        Shape inputShape =
                arch.convolutional()
                        ? new Shape(toLongs(Architecture.imageShape(spec.inputs())))
                        : new Shape(spec.inputs());
        Model model = Model.newInstance("eoc-mlp", Engine.getDefaultEngineName());
        model.setBlock(net);
        // with BatchNorm the listener measures every layer; its theory stops at the first one
        PropagationListener.Builder lb =
                PropagationListener.builder().optInterval(spec.listenerInterval());
        if (spec.listenerFile() != null) {
            lb.optReportFile(spec.listenerFile(), spec.provenance());
        }
        PropagationListener listener = lb.build();
        DefaultTrainingConfig config =
                new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optOptimizer(
                                Optimizer.sgd()
                                        .setLearningRateTracker(
                                                Tracker.fixed((float) spec.learningRate()))
                                        .build());
        if (listener != null) {
            config.addTrainingListeners(listener);
        }
        Trainer trainer = model.newTrainer(config);
        DjlPipelinedSgd pipelined = null;
        try {
            initialize(net, spec);
            trainer.initialize(new Shape(INIT_ROWS).addAll(inputShape));
            trainer.notifyListeners(l -> l.onTrainingBegin(trainer));
            if (pipelinedStepWanted() && arch.kind() == Architecture.Kind.MLP) {
                pipelined =
                        (spec.batchNorm()
                                        ? DjlPipelinedSgd.forNetwork(
                                                net,
                                                spec.learningRate(),
                                                trainer.getManager(),
                                                BATCH_NORM_MOMENTUM,
                                                BATCH_NORM_EPSILON)
                                        : DjlPipelinedSgd.forNetwork(
                                                net, spec.learningRate(), trainer.getManager()))
                                .orElse(null);
            }
        } catch (RuntimeException e) {
            trainer.close();
            model.close();
            throw e;
        }
        LOG.info(
                "SGD step: {}",
                pipelined != null
                        ? "pipelined (hand-written backward pass on two single-threaded workers)"
                        : "DJL Trainer (autograd)");
        return new DjlNetwork(model, net, trainer, listener, inputShape, pipelined);
    }

    /** depth x (Linear, [BatchNorm,] activation), then the output Linear layer. */
    private static SequentialBlock mlp(NetworkSpec spec) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < spec.depth(); l++) {
            net.add(Linear.builder().setUnits(spec.width()).build());
            if (spec.batchNorm()) {
                net.add(
                        BatchNorm.builder()
                                .optMomentum(BATCH_NORM_MOMENTUM)
                                .optEpsilon(BATCH_NORM_EPSILON)
                                .build());
            }
            net.add(EocActivations.of(spec.activation()));
        }
        return net.add(Linear.builder().setUnits(spec.classes()).build());
    }

    /**
     * depth x (3 x 3 Conv2d of width filters, padding 1, stride 2 for the first {@value
     * Architecture#STRIDED_CONVOLUTIONS}, activation), then the output Linear layer on the
     * flattened maps ({@link Architecture}). Trained with DJL's Trainer.
     */
    private static SequentialBlock cnn(NetworkSpec spec) {
        SequentialBlock net = new SequentialBlock();
        for (int l = 0; l < spec.depth(); l++) {
            int stride = l < Architecture.STRIDED_CONVOLUTIONS ? 2 : 1;
            net.add(
                            Conv2d.builder()
                                    .setKernelShape(new Shape(3, 3))
                                    .setFilters(spec.width())
                                    .optStride(new Shape(stride, stride))
                                    .optPadding(new Shape(1, 1))
                                    .build())
                    .add(EocActivations.of(spec.activation()));
        }
        return net.add(Blocks.batchFlattenBlock())
                .add(Linear.builder().setUnits(spec.classes()).build());
    }

    private static long[] toLongs(int[] x) {
        long[] y = new long[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = x[i];
        }
        return y;
    }

    /**
     * An embedding Linear layer, depth - 1 blocks y + A (activation, Linear) (eoc-djl's {@link
     * ResidualBlock}), the activation and the output Linear layer: as many Linear layers as the
     * plain MLP of the same depth. Trained with DJL's Trainer (the pipelined step knows no residual
     * blocks).
     */
    private static SequentialBlock residualMlp(NetworkSpec spec) {
        SequentialBlock net =
                new SequentialBlock().add(Linear.builder().setUnits(spec.width()).build());
        for (int l = 1; l < spec.depth(); l++) {
            net.add(
                    ResidualBlock.of(
                            new SequentialBlock()
                                    .add(EocActivations.of(spec.activation()))
                                    .add(Linear.builder().setUnits(spec.width()).build()),
                            spec.architecture().branchScale()));
        }
        return net.add(EocActivations.of(spec.activation()))
                .add(Linear.builder().setUnits(spec.classes()).build());
    }

    /**
     * Whether to use {@link DjlPipelinedSgd} where the network allows it; the system property
     * {@value #TRAINER_PROPERTY}{@code =true} forces DJL's Trainer (autograd) for every step.
     */
    private static boolean pipelinedStepWanted() {
        return !Boolean.getBoolean(TRAINER_PROPERTY);
    }

    /** System property that makes every network train with DJL's Trainer. */
    static final String TRAINER_PROPERTY = "eoc.djl.trainer-step";

    /** Sets the initializers (after {@code newTrainer}, before {@code initialize}). */
    private static void initialize(SequentialBlock net, NetworkSpec spec) {
        InitPoint p = spec.init();
        if (p.frameworkDefault()) {
            Engine.getInstance().setRandomSeed((int) spec.seed());
            return;
        }
        if (!spec.batchNorm()) {
            EocInit.apply(net, EocInitOptions.withSeed(spec.seed()).at(p.sigmaB(), p.sigmaW()));
            return;
        }
        SplittableRandom seeds = new SplittableRandom(spec.seed());
        double weightVariance = p.sigmaW() * p.sigmaW();
        double biasVariance = p.sigmaB() * p.sigmaB();
        for (Block child : net.getChildren().values()) {
            if (child instanceof Linear linear) {
                Parameter weight = linear.getParameters().get("weight");
                Parameter bias = linear.getParameters().get("bias");
                weight.setInitializer(
                        EocWeightInitializer.normal(weightVariance, seeds.nextLong()));
                bias.setInitializer(new EocBiasInitializer(biasVariance, seeds.nextLong()));
            }
        }
    }

    @Override
    public StepResult step(TrainingData.Batch b) {
        if (pipelined != null) {
            return pipelinedStep(b);
        }
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = features(m, b);
            NDArray y = labels(m, b);
            NDList data = new NDList(x);
            NDList labels = new NDList(y);
            Batch batch =
                    new Batch(m, data, labels, b.rows(), Batchifier.STACK, Batchifier.STACK, 0, 0);
            double loss;
            int correct;
            BatchData batchData;
            try (GradientCollector collector = trainer.newGradientCollector()) {
                NDList preds = trainer.forward(data, labels);
                NDArray lossValue = trainer.getLoss().evaluate(labels, preds);
                collector.backward(lossValue);
                loss = lossValue.getFloat();
                correct = countCorrect(preds.head(), b.labels());
                Device device = preds.head().getDevice();
                batchData = new BatchData(batch, Map.of(device, labels), Map.of(device, preds));
            }
            trainer.notifyListeners(l -> l.onTrainingBatch(trainer, batchData));
            trainer.step();
            steps++;
            return new StepResult(loss, correct);
        }
    }

    /**
     * A step by {@link DjlPipelinedSgd}; the listener sees the batch after the update (DJL's
     * Trainer notifies it before), which shifts its reports by one SGD step.
     */
    private StepResult pipelinedStep(TrainingData.Batch b) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDArray x = features(m, b);
            NDList labels = new NDList(labels(m, b));
            boolean report = listener != null && listener.isReportDue();
            DjlPipelinedSgd.Output out = pipelined.step(m, x, b.labels(), report);
            if (report) {
                listener.offerGradientNorms(out.gradientNorms());
            }
            int correct = countCorrect(out.logits(), b.labels());
            Batch batch =
                    new Batch(
                            m,
                            new NDList(x),
                            labels,
                            b.rows(),
                            Batchifier.STACK,
                            Batchifier.STACK,
                            0,
                            0);
            Device device = x.getDevice();
            BatchData batchData =
                    new BatchData(
                            batch,
                            Map.of(device, labels),
                            Map.of(device, new NDList(out.logits())));
            if (report) {
                // the probe's 400 tiny operations (8 rows) run 2-3x faster on one thread than
                // waking the OpenMP pool for each (docs/BENCHMARKS.md); training's own workers
                // keep their per-thread setting
                int threads = JniUtils.getNumThreads();
                JniUtils.setNumThreads(1);
                try {
                    trainer.notifyListeners(l -> l.onTrainingBatch(trainer, batchData));
                } finally {
                    JniUtils.setNumThreads(threads);
                }
            } else {
                trainer.notifyListeners(l -> l.onTrainingBatch(trainer, batchData));
            }
            steps++;
            return new StepResult(out.loss(), correct);
        }
    }

    @Override
    public void shiftHiddenBiases(double delta) {
        List<Linear> linears = new ArrayList<>();
        for (Block child : net.getChildren().values()) {
            if (child instanceof Linear linear) {
                linears.add(linear);
            }
        }
        for (int l = 0; l + 1 < linears.size(); l++) {
            Parameter bias = linears.get(l).getParameters().get("bias");
            if (bias != null) {
                bias.getArray().addi((float) delta);
            }
        }
    }

    /** Every parameter's values in block order (for tests). */
    List<float[]> parameterValues() {
        List<float[]> values = new ArrayList<>();
        for (Pair<String, Parameter> p : parameters()) {
            values.add(p.getValue().getArray().toFloatArray());
        }
        return values;
    }

    /** Whether steps run on {@link DjlPipelinedSgd} (else DJL's Trainer). */
    boolean pipelined() {
        return pipelined != null;
    }

    @Override
    public int[] predict(TrainingData.Batch b) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            NDList out = trainer.evaluate(new NDList(features(m, b)));
            return out.head().argMax(1).toType(DataType.INT32, false).toIntArray();
        }
    }

    @Override
    public PropagationSnapshot measure(TrainingData.Batch pairs) {
        try (NDManager m = trainer.getManager().newSubManager()) {
            return PropagationProbe.of(net).measure(features(m, pairs), steps, false);
        }
    }

    @Override
    public long listenerNanos() {
        return listener == null ? 0 : listener.reportNanos();
    }

    @Override
    public List<PropagationReport> listenerReports() {
        return listener == null ? List.of() : listener.history();
    }

    /**
     * Writes every parameter (BatchNorm running statistics included) as name, length and DJL's
     * NDArray encoding, in block order.
     */
    @Override
    public void save(Path file) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            List<Pair<String, Parameter>> params = parameters();
            out.writeInt(params.size());
            for (Pair<String, Parameter> p : params) {
                byte[] bytes = p.getValue().getArray().encode();
                out.writeUTF(p.getKey());
                out.writeInt(bytes.length);
                out.write(bytes);
            }
        }
    }

    /**
     * Copies the saved values into the existing parameter arrays. DJL's own {@code loadParameters}
     * replaces the arrays, which the trainer's parameter store and gradients still point to after
     * {@code initialize}: training would go on with the old values.
     */
    @Override
    public void load(Path file) throws IOException {
        List<Pair<String, Parameter>> params = parameters();
        try (DataInputStream in =
                        new DataInputStream(new BufferedInputStream(Files.newInputStream(file)));
                NDManager m = trainer.getManager().newSubManager()) {
            int count = in.readInt();
            if (count != params.size()) {
                throw new IOException(
                        file + " holds " + count + " parameters, the network has " + params.size());
            }
            for (Pair<String, Parameter> p : params) {
                String name = in.readUTF();
                if (!name.equals(p.getKey())) {
                    throw new IOException(
                            file + ": expected parameter " + p.getKey() + ", found " + name);
                }
                byte[] bytes = new byte[in.readInt()];
                in.readFully(bytes);
                NDArray target = p.getValue().getArray();
                NDArray saved = m.decode(bytes);
                if (!saved.getShape().equals(target.getShape())) {
                    throw new IOException(
                            file
                                    + ": parameter "
                                    + name
                                    + " has shape "
                                    + saved.getShape()
                                    + ", the network's is "
                                    + target.getShape());
                }
                saved.copyTo(target);
            }
        }
    }

    private List<Pair<String, Parameter>> parameters() {
        List<Pair<String, Parameter>> params = new ArrayList<>();
        net.getParameters().forEach(params::add);
        return params;
    }

    @Override
    public void close() {
        if (pipelined != null) {
            pipelined.close();
        }
        trainer.close(); // notifies onTrainingEnd: the listener closes its file
        model.close();
    }

    private NDArray features(NDManager m, TrainingData.Batch b) {
        return m.create(b.features(), new Shape(b.rows()).addAll(inputShape));
    }

    private static NDArray labels(NDManager m, TrainingData.Batch b) {
        float[] y = new float[b.rows()];
        for (int i = 0; i < y.length; i++) {
            y[i] = b.labels()[i];
        }
        return m.create(y, new Shape(b.rows()));
    }

    private static int countCorrect(NDArray logits, int[] labels) {
        int[] predicted = logits.argMax(1).toType(DataType.INT32, false).toIntArray();
        int correct = 0;
        for (int i = 0; i < labels.length; i++) {
            if (predicted[i] == labels[i]) {
                correct++;
            }
        }
        return correct;
    }
}
