package dev.eoc.dl4j;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.EmpiricalStatistics;
import dev.eoc.core.diagnostics.FlatRegion;
import dev.eoc.core.diagnostics.LayerStatistics;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.diagnostics.SpatialSignal;
import dev.eoc.core.diagnostics.TheoryPredictor;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.layers.BaseOutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;
import org.nd4j.linalg.lossfunctions.impl.LossMCXENT;
import org.nd4j.linalg.lossfunctions.impl.LossNegativeLogLikelihood;

/**
 * Measures signal propagation in a DL4J network: runs a {@link ProbeSet} forward (inference mode,
 * no dropout) and records, for each fully connected layer l, the pre-activations h^l = W_l^T
 * phi_{l-1}(h^{l-1}) + b_l, their empirical q_l and pair correlation c_l, and the layer's empirical
 * sigma_w^2 = fan_in Var(W_l) and sigma_b^2 = Var(b_l); the mean-field prediction for those actual
 * variances comes from eoc-core's {@code dev.eoc.core.diagnostics} (Poole et al. 2016, eqs. 3 and
 * 5), which also computes the statistics, so every framework adapter measures the same way.
 *
 * <p>The monitored layers are the longest run of fully connected layers starting at the one fed by
 * the input whose activations eoc-core can follow, led by any {@code ConvolutionLayer}s (NCHW, mode
 * Truncate, Strict or Same) that read the input images: their pre-activations W * x + b are
 * computed with ND4J's conv2d ({@link ConvolutionStage}) and the theory follows the images' second
 * moments position by position (eoc-core's {@code SpatialSignal}; Xiao et al. 2018); a
 * convolution's width for the finite-width band is its number of filters. Anything after the run
 * (pooling, a convolution after a dense layer, an activation without a mapping) is reported once
 * with a warning and not monitored. A graph with residual blocks ({@link GraphPath}) is monitored
 * whole, with the residual mean-field maps.
 */
public final class PropagationProbe {

    private final List<DenseStage> monitored;
    private final List<ActivationFunction> activations;
    private final List<String> specs;
    private final List<FlatRegion> flatRegions;
    private final TheoryPredictor theory = TheoryPredictor.tabulated();

    /** The monitored layers, their theory's path and, for a residual graph, its graph path. */
    private final MonitoredLayers layers;

    /** The theory's signal path of the monitored layers. */
    private final SignalPath path;

    private PropagationProbe(MonitoredLayers layers) {
        this.layers = layers;
        this.monitored = layers.stages();
        this.activations = layers.activations();
        this.specs = layers.specs();
        this.path = layers.path();
        List<FlatRegion> regions = new ArrayList<>();
        for (int l = 0; l < activations.size(); l++) {
            // an output activation without a core mapping (softmax) has no flat region to judge
            regions.add(
                    specs.get(l).equals(activations.get(l).spec())
                            ? FlatRegion.of(activations.get(l))
                            : FlatRegion.of(Activations.linear()));
        }
        this.flatRegions = List.copyOf(regions);
    }

    /** The probe for a network, which must be initialized. */
    public static PropagationProbe of(MultiLayerNetwork net) {
        return new PropagationProbe(MonitoredLayers.of(net));
    }

    /**
     * The probe for a graph, which must be initialized: a chain, or a residual graph ({@link
     * GraphPath}: ElementWiseVertex Add of a stream and a branch ending with a dense layer,
     * optionally scaled by a ScaleVertex), whose layers are compared with the residual mean-field
     * maps. In a graph with other merges the chain of layers before the first merge is monitored,
     * with a warning naming where it stops.
     */
    public static PropagationProbe of(ComputationGraph graph) {
        return new PropagationProbe(MonitoredLayers.of(graph));
    }

    /** Number of monitored layers L. */
    public int depth() {
        return monitored.size();
    }

    /**
     * The probe for a model at hand: a {@link MultiLayerNetwork} or a {@link ComputationGraph},
     * initialized.
     *
     * @throws IllegalArgumentException for any other model, or a network eoc-dl4j cannot probe
     */
    public static PropagationProbe of(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return of(net);
        }
        if (model instanceof ComputationGraph graph) {
            return of(graph);
        }
        throw new IllegalArgumentException(
                "cannot probe a "
                        + (model == null ? "null model" : model.getClass().getName())
                        + ": MultiLayerNetwork or ComputationGraph expected");
    }

    /**
     * One measurement of {@code model} (the network or graph this probe was made for) on {@code
     * probe}: the monitored layers' statistics and the theory for their actual weights.
     *
     * @param iteration the model's update count, the snapshot's label
     * @param gradientNorms |dL/dW_l| per monitored layer ({@link #gradientNorms(Model)}), or null
     */
    public PropagationSnapshot measure(
            Model model, ProbeSet probe, long iteration, double[] gradientNorms) {
        List<INDArray> inputs =
                model instanceof MultiLayerNetwork net
                        ? ProbeForward.layerInputs(net, probe, layers)
                        : ProbeForward.layerInputs((ComputationGraph) model, probe, layers);
        return measure(inputs, probe, iteration, gradientNorms);
    }

    /**
     * The model's update count: {@code getIterationCount()} of a network or graph (which DL4J's
     * Spark training masters carry across averaging rounds in the configuration), -1 for others.
     */
    public static long iterationOf(Model model) {
        if (model instanceof MultiLayerNetwork net) {
            return net.getIterationCount();
        }
        return model instanceof ComputationGraph graph ? graph.getIterationCount() : -1;
    }

    /**
     * |dL/dW_l|_2 of the mean loss per monitored layer from the model's current gradient (call it
     * in {@code onGradientCalculation}, before the update): see {@link #gradientNorms(Function,
     * long)}.
     */
    public double[] gradientNorms(Model model) {
        return gradientNorms(key -> model.gradient().getGradientFor(key), model.batchSize());
    }

    /**
     * K of a softmax cross-entropy output layer (MCXENT or negative log-likelihood): its units are
     * the classes and ln K the chance-level loss; 0 (unknown) for any other output.
     */
    public int classes() {
        if (!(outputLayer() instanceof BaseOutputLayer<?> out)) {
            return 0;
        }
        ILossFunction loss =
                ((org.deeplearning4j.nn.conf.layers.BaseOutputLayer) out.conf().getLayer())
                        .getLossFn();
        boolean crossEntropy =
                loss instanceof LossMCXENT || loss instanceof LossNegativeLogLikelihood;
        return crossEntropy ? outputUnits() : 0;
    }

    /** One measurement of {@code net} on {@code probe}, labelled iteration 0, without gradients. */
    public static PropagationSnapshot measure(MultiLayerNetwork net, ProbeSet probe) {
        PropagationProbe p = of(net);
        return p.measure(ProbeForward.layerInputs(net, probe, p.layers), probe, 0, null);
    }

    /**
     * Builds the snapshot from the monitored layers' inputs.
     *
     * @param gradientNorms |dL/dW_l| per monitored layer, or null when unavailable
     */
    PropagationSnapshot measure(
            List<INDArray> inputs, ProbeSet probe, long iteration, double[] gradientNorms) {
        float[][] x = probe.flatRows();
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 0; l < monitored.size(); l++) {
            org.deeplearning4j.nn.api.Layer layer = monitored.get(l).layer();
            INDArray w = layer.getParam(DefaultParamInitializer.WEIGHT_KEY);
            INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
            boolean conv = monitored.get(l).convolution();
            INDArray in = inputs.get(l);
            INDArray h;
            if (conv) {
                h = ConvolutionStage.preActivation(layer, in);
            } else {
                h = (in.rank() > 2 ? in.reshape('c', in.size(0), -1) : in).mmul(w);
                if (b != null) {
                    h.addiRowVector(b);
                }
            }
            float[][] rows = ProbeSet.flatRows(h);
            LayerStatistics st =
                    LayerStatistics.measure(
                            l + 1,
                            activations.get(l),
                            flatRegions.get(l),
                            rows,
                            gradientNorms == null ? Double.NaN : gradientNorms[l],
                            (conv ? ConvolutionStage.fanIn(w) : w.size(0)) * populationVariance(w),
                            b == null ? 0 : populationVariance(b));
            if (conv) {
                // a convolution's filters are its independent units (one weight draw each)
                st = st.withWidth(Math.toIntExact(w.size(0)));
            }
            if (!specs.get(l).equals(st.activation())) {
                st = relabel(st, specs.get(l));
            }
            layers.add(st);
        }
        if (path.spatial()) {
            // the first convolution reads the probe rows as images: x, channels first
            INDArray images = inputs.get(0);
            SpatialSignal input =
                    SpatialSignal.of(
                            x,
                            Math.toIntExact(images.size(1)),
                            Math.toIntExact(images.size(2)),
                            Math.toIntExact(images.size(3)));
            return PropagationSnapshot.of(iteration, input, layers, path, theory);
        }
        double q0 = EmpiricalStatistics.meanSquare(x);
        double[] c0 = EmpiricalStatistics.pairCorrelations(x);
        return PropagationSnapshot.of(iteration, q0, c0, layers, path, theory);
    }

    /** The statistics under the layer's own activation name (an output softmax, say). */
    private static LayerStatistics relabel(LayerStatistics s, String spec) {
        return new LayerStatistics(
                s.layer(),
                spec,
                s.qEmpirical(),
                s.cEmpirical(),
                s.gradientNorm(),
                s.weightVariance(),
                s.biasVariance(),
                s.width(),
                s.pairCorrelations(),
                s.activity());
    }

    /** Units of the last monitored layer (the classes of a classifier's output layer). */
    private int outputUnits() {
        DenseStage last = monitored.get(monitored.size() - 1);
        INDArray w = last.layer().getParam(DefaultParamInitializer.WEIGHT_KEY);
        return Math.toIntExact(last.convolution() ? w.size(0) : w.size(1));
    }

    /** The last monitored layer, e.g. to read its loss function. */
    private org.deeplearning4j.nn.api.Layer outputLayer() {
        return monitored.get(monitored.size() - 1).layer();
    }

    /**
     * |dL/dW_l|_2 per monitored layer from the model's current gradient divided by the batch size
     * (+infinity where it holds NaN or infinity, NaN where none is available), keyed as DL4J keys
     * gradients ({@code 0_W} in a network, {@code name_W} in a graph). DL4J hands listeners the
     * gradient of the summed loss (its updater divides by the mini-batch size later), so dividing
     * gives the gradient of the mean loss, the same quantity DJL reports.
     */
    double[] gradientNorms(Function<String, INDArray> gradientFor, long batchSize) {
        double[] norms = new double[monitored.size()];
        Arrays.fill(norms, Double.NaN);
        for (int l = 0; l < norms.length; l++) {
            INDArray g =
                    gradientFor.apply(
                            monitored.get(l).paramPrefix()
                                    + "_"
                                    + DefaultParamInitializer.WEIGHT_KEY);
            if (g != null) {
                double n = g.norm2Number().doubleValue() / Math.max(1, batchSize);
                norms[l] = Double.isFinite(n) ? n : Double.POSITIVE_INFINITY;
            }
        }
        return norms;
    }

    /**
     * Var(x) with divisor n in double precision, as {@code EmpiricalStatistics.weightVariance} and
     * {@code biasVariance} define it, but reduced natively where the parameters live: copying 30M
     * weights of a width-1000 depth-30 network to the JVM for every report costs 0.6 s, the native
     * reduction a few ms (and nothing moves off a GPU).
     */
    private static double populationVariance(INDArray x) {
        return x.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).var(false).getDouble(0);
    }
}
