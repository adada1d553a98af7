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
import java.util.Arrays;
import java.util.List;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The DL4J network of a {@link NetworkSpec}: inputs -&gt; {@code depth} Dense layers of {@code
 * width} units with the activation (Dense -&gt; BatchNorm -&gt; activation for {@code eoc-bn})
 * -&gt; Dense softmax, cross-entropy loss, plain SGD (no momentum, no regularization), float32,
 * DL4J workspaces on; the protocol of Hayou, Doucet &amp; Rousseau, "On the Impact of the
 * Activation Function on Deep Neural Networks Training", ICML 2019, section 5.
 *
 * <p>Initialization: every Dense layer, the output layer included, gets W_ij ~ N(0, sigma_w^2 /
 * fan_in) and b_i ~ N(0, sigma_b^2) at the spec's point, seeded by the spec's seed (eoc-dl4j's
 * {@link EocInit} with the point given explicitly, with or without BatchNorm between Dense layer
 * and activation); BatchNorm keeps gamma = 1, beta = 0. {@link InitScheme#DEFAULT} keeps DL4J's
 * Xavier weights and zero biases.
 *
 * <p>{@link #step} counts the rows classified correctly before the update without an extra forward
 * pass: {@link Dl4jStepListener} reads the output layer's input from the training forward pass and
 * multiplies it by the output weights (one [rows x width] x [width x classes] product, ~1% of a
 * step, where a second {@code output()} call would cost 15-20%); like the loss, it is the training
 * forward pass's verdict (with BatchNorm: on batch statistics). The signal-propagation listener is
 * attached at the first step, with 4 probe pairs drawn from that batch; with BatchNorm there is no
 * mean-field probe and training runs without it.
 */
final class Dl4jNetwork implements TrainableNetwork {

    private final NetworkSpec spec;
    private final MultiLayerNetwork net;
    private final Dl4jStepListener stepListener = new Dl4jStepListener();
    private PropagationListener listener;
    private boolean listenerDecided;
    private boolean closed;

    private Dl4jNetwork(NetworkSpec spec, MultiLayerNetwork net) {
        this.spec = spec;
        this.net = net;
        net.setListeners(stepListener);
    }

    /**
     * Builds and initializes the network of a spec.
     *
     * @throws IllegalArgumentException when DL4J has no activation for the spec's one
     */
    static Dl4jNetwork create(NetworkSpec spec) {
        IActivation phi = Dl4jActivations.toDl4j(Dl4jActivations.parse(spec.activation()));
        MultiLayerNetwork net = new MultiLayerNetwork(configuration(spec, phi));
        net.init();
        InitPoint p = spec.init();
        if (!p.frameworkDefault()) {
            EocInit.apply(net, EocInitOptions.withSeed(spec.seed()).at(p.sigmaB(), p.sigmaW()));
        }
        return new Dl4jNetwork(spec, net);
    }

    private static MultiLayerConfiguration configuration(NetworkSpec spec, IActivation phi) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(spec.seed())
                        .dataType(DataType.FLOAT)
                        .trainingWorkspaceMode(WorkspaceMode.ENABLED)
                        .inferenceWorkspaceMode(WorkspaceMode.ENABLED)
                        .updater(new Sgd(spec.learningRate()))
                        .weightInit(WeightInit.XAVIER)
                        .biasInit(0)
                        .list();
        if (spec.architecture().convolutional()) {
            return cnn(b, spec, phi);
        }
        int in = spec.inputs();
        for (int l = 0; l < spec.depth(); l++) {
            if (spec.batchNorm()) {
                b.layer(dense(in, spec.width(), new ActivationIdentity()));
                b.layer(
                        new BatchNormalization.Builder()
                                .nIn(spec.width())
                                .nOut(spec.width())
                                .build());
                b.layer(new ActivationLayer.Builder().activation(phi).build());
            } else {
                b.layer(dense(in, spec.width(), phi));
            }
            in = spec.width();
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(in)
                        .nOut(spec.classes())
                        .activation(new ActivationSoftmax())
                        .build());
        return b.build();
    }

    /**
     * depth x 3 x 3 ConvolutionLayer of width filters (padding 1, stride 2 for the first {@value
     * Architecture#STRIDED_CONVOLUTIONS}) and the softmax output, reading the flat features as
     * images ({@code InputType.convolutionalFlat}).
     */
    private static MultiLayerConfiguration cnn(
            NeuralNetConfiguration.ListBuilder b, NetworkSpec spec, IActivation phi) {
        for (int l = 0; l < spec.depth(); l++) {
            int stride = l < Architecture.STRIDED_CONVOLUTIONS ? 2 : 1;
            b.layer(
                    new ConvolutionLayer.Builder(3, 3)
                            .nOut(spec.width())
                            .stride(stride, stride)
                            .padding(1, 1)
                            .convolutionMode(ConvolutionMode.Truncate)
                            .activation(phi)
                            .build());
        }
        int[] image = Architecture.imageShape(spec.inputs());
        return b.layer(
                        new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                .nOut(spec.classes())
                                .activation(new ActivationSoftmax())
                                .build())
                .setInputType(InputType.convolutionalFlat(image[1], image[2], image[0]))
                .build();
    }

    private static DenseLayer dense(int in, int out, IActivation phi) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(phi).build();
    }

    @Override
    public StepResult step(TrainingData.Batch batch) {
        INDArray x = features(batch);
        INDArray y = Nd4j.zeros(DataType.FLOAT, batch.rows(), spec.classes());
        for (int r = 0; r < batch.rows(); r++) {
            y.putScalar(r, batch.labels()[r], 1f);
        }
        attachListener(x);
        stepListener.expect(batch.labels());
        net.fit(new DataSet(x, y));
        // DL4J's score is the mean loss over the batch, computed in the same pass as the gradient
        return new StepResult(net.score(), stepListener.takeCorrect());
    }

    @Override
    public int[] predict(TrainingData.Batch batch) {
        INDArray out = net.output(features(batch), false);
        return Nd4j.argMax(out, 1).toIntVector();
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException when {@code pairs} has an odd number of rows or fewer than 2
     */
    @Override
    public PropagationSnapshot measure(TrainingData.Batch pairs) {
        return PropagationProbe.measure(net, new ProbeSet(features(pairs)));
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
    public void save(Path file) throws IOException {
        Dl4jParameters.save(net.params(), file);
    }

    @Override
    public void load(Path file) throws IOException {
        net.setParams(Dl4jParameters.load(file, net.params()));
    }

    @Override
    public void shiftHiddenBiases(double delta) {
        org.deeplearning4j.nn.api.Layer[] layers = net.getLayers();
        for (int l = 0; l + 1 < layers.length; l++) {
            INDArray b = layers[l].getParam(DefaultParamInitializer.BIAS_KEY);
            if (b != null) {
                b.addi(delta);
            }
        }
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
        // frees parameters and gradients, destroys this thread's workspaces (DL4J recreates them
        // when another network of the thread next needs them) and calls System.gc()
        net.close();
    }

    /** The DL4J network (tests). */
    MultiLayerNetwork network() {
        return net;
    }

    private INDArray features(TrainingData.Batch batch) {
        return Nd4j.create(batch.features(), new long[] {batch.rows(), batch.featureCount()}, 'c');
    }

    /** Attaches the signal-propagation listener once, probing the first batch; never throws. */
    private void attachListener(INDArray firstBatch) {
        if (listenerDecided || firstBatch.rows() < 2) {
            return; // a probe needs a pair: wait for a batch with two rows
        }
        listenerDecided = true;
        listener = Dl4jListeners.attach(net, firstBatch, spec);
    }

    @Override
    public String toString() {
        return "Dl4jNetwork"
                + Arrays.asList(
                        spec.activation(), spec.depth(), spec.width(), spec.init().scheme());
    }
}
