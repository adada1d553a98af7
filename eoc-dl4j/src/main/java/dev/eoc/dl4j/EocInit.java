package dev.eoc.dl4j;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.criticality.NoEdgeOfChaosException;
import dev.eoc.core.meanfield.InitVariances;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.IWeightInit;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets the weights and biases of an initialized DL4J network on the Edge of Chaos: W_ij ~ N(0,
 * sigma_w^2 / fan_in), b_i ~ N(0, sigma_b^2), with (sigma_b, sigma_w) the EOC point chi_1 = 1 of
 * the activation the layer's weights act on (Schoenholz et al. 2017; Hayou, Doucet &amp; Rousseau
 * 2019, section 3).
 *
 * <p>Which activation: layer l computes phi_l(W_l h + b_l) with h = phi_{l-1}(...) the previous
 * layer's output, so the mean-field map through W_l involves phi_{l-1}, and W_l is drawn at
 * phi_{l-1}'s EOC point; the first layer (fed by the data) uses its own activation's point. With
 * one activation throughout this is simply that activation's point; the output layer (often
 * softmax) is initialized like the others, at the point of the activation feeding it (as in the
 * paper).
 *
 * <p>Draws come from {@link SplittableRandom} seeded by the options, one split per layer, so the
 * result does not depend on ND4J's backend or global random state. Supported: {@code DenseLayer}
 * and {@code OutputLayer}; layers without parameters are passed over; any other layer with
 * parameters, or an activation without an EOC, is an error naming the layer (or, in lenient mode, a
 * warning and the layer keeps DL4J's initialization).
 */
public final class EocInit {

    private static final Logger LOG = LoggerFactory.getLogger(EocInit.class);

    private EocInit() {}

    /**
     * Initializes every fully connected layer of {@code net}, which must have been {@code
     * init()}ed.
     *
     * @return one entry per layer, in order
     * @throws IllegalArgumentException for an unsupported layer or activation (strict mode)
     */
    public static List<LayerInit> apply(MultiLayerNetwork net, EocInitOptions options) {
        return apply(DenseChain.of(net), options);
    }

    /**
     * As {@link #apply(MultiLayerNetwork, EocInitOptions)} for a chain-shaped graph, or a graph
     * with residual blocks (an {@code ElementWiseVertex(Add)} of a stream and a branch from it, see
     * {@link GraphPath}): every dense layer, the branches' included, takes the point of the
     * activation applied to its input, or, where none is (a layer reading the stream or the input),
     * of the next activation on the signal's way.
     */
    public static List<LayerInit> apply(ComputationGraph graph, EocInitOptions options) {
        List<DenseStage> stages = DenseChain.of(graph);
        GraphPath path = GraphPath.of(graph);
        return apply(path.problem() == null ? onPath(stages, path) : stages, options);
    }

    /** The stages of a graph read as a path: each dense layer fed by its init activation. */
    private static List<DenseStage> onPath(List<DenseStage> stages, GraphPath path) {
        List<DenseStage> out = new ArrayList<>();
        IActivation previous = null;
        for (DenseStage s : stages) {
            if (!GraphPath.isDense(s.layer().conf().getLayer())) {
                out.add(s.onPath(null));
                continue;
            }
            ActivationFunction phi = path.initActivation(s.name());
            IActivation feeding = phi != null ? Dl4jActivations.toDl4j(phi) : previous;
            out.add(s.onPath(feeding));
            previous = feeding != null ? feeding : previous;
        }
        return out;
    }

    private static List<LayerInit> apply(List<DenseStage> stages, EocInitOptions options) {
        SplittableRandom root = new SplittableRandom(options.seed());
        Map<String, EocPoint> solved = new HashMap<>();
        List<LayerInit> result = new ArrayList<>();
        for (DenseStage stage : stages) {
            // one split per layer whatever happens, so layer i's draw depends only on (seed, i)
            SplittableRandom rng = root.split();
            result.add(initializeLayer(stage, options, solved, rng));
        }
        logReplaced(result);
        return List.copyOf(result);
    }

    private static LayerInit initializeLayer(
            DenseStage stage,
            EocInitOptions options,
            Map<String, EocPoint> solved,
            SplittableRandom rng) {
        if (!stage.dense() && !stage.convolution()) {
            if (stage.offChain() && stage.layer().numParams() > 0) {
                return refuse(
                        stage,
                        options,
                        "its input is a merge vertex (e.g. a residual ElementWiseVertex Add), so"
                                + " the layers after it do not see a chain and the Edge-of-Chaos"
                                + " theory does not cover them; supported: chains of "
                                + String.join(", ", DenseChain.SUPPORTED_TYPES)
                                + " (residual networks: issue 13)");
            }
            if (stage.layer().numParams() == 0) {
                LOG.debug("{}: no parameters, passed over", stage.describe());
                return skipped(stage, "", "no parameters");
            }
            if (stage.layer().conf().getLayer() instanceof BatchNormalization) {
                // BatchNorm re-centres and re-scales its input whatever came before: gamma = 1,
                // beta = 0 (DL4J's init) is the identity on the normalized signal; the
                // mean-field theory here has no BatchNorm (Yang et al. 2019), so no point to set
                LOG.debug("{}: BatchNormalization keeps gamma = 1, beta = 0", stage.describe());
                return skipped(stage, "", BATCH_NORM_KEPT);
            }
            return refuse(
                    stage,
                    options,
                    "layer type "
                            + stage.type()
                            + " is not supported; supported: "
                            + String.join(", ", DenseChain.SUPPORTED_TYPES));
        }
        IActivation source =
                stage.feedingActivation() != null ? stage.feedingActivation() : stage.activation();
        ActivationFunction phi;
        try {
            phi = Dl4jActivations.toCore(source);
        } catch (IllegalArgumentException e) {
            return refuse(stage, options, e.getMessage());
        }
        EocPoint point = null;
        InitVariances variances;
        try {
            if (!Double.isNaN(options.sigmaW())) {
                variances = InitVariances.ofStd(options.sigmaW(), options.sigmaB());
            } else {
                point = solved.computeIfAbsent(phi.spec(), k -> solve(phi, options));
                variances = new InitVariances(point.weightVariance(), point.biasVariance());
            }
        } catch (NoEdgeOfChaosException e) {
            return refuse(stage, options, e.getMessage());
        }
        INDArray w = stage.layer().getParam(DefaultParamInitializer.WEIGHT_KEY);
        INDArray b = stage.layer().getParam(DefaultParamInitializer.BIAS_KEY);
        // dense W is [in, out]; a convolution's [out, in, kh, kw] (fan-in in x kh x kw)
        long fanIn = w.rank() == 4 ? w.size(1) * w.size(2) * w.size(3) : w.size(0);
        long fanOut = w.rank() == 4 ? w.size(0) : w.size(1);
        stage.layer()
                .setParam(DefaultParamInitializer.WEIGHT_KEY, weights(w, variances, options, rng));
        if (b != null) {
            stage.layer().setParam(DefaultParamInitializer.BIAS_KEY, biases(b, variances, rng));
        }
        LOG.debug("{}: {} with {}", stage.describe(), phi.spec(), variances);
        return new LayerInit(
                stage.index(),
                stage.name(),
                stage.type(),
                phi.spec(),
                fanIn,
                fanOut,
                variances,
                point,
                null,
                configuredInit(stage));
    }

    /** The configured weight initialization this draw replaces, or null if it is eoc's own. */
    private static String configuredInit(DenseStage stage) {
        if (stage.layer().conf().getLayer() instanceof BaseLayer base) {
            IWeightInit configured = base.getWeightInitFn();
            if (configured == null || configured instanceof EocWeightInit) {
                return null;
            }
            return configured.getClass().getSimpleName();
        }
        return null;
    }

    /** One INFO line when the configuration's weight initialization was overridden. */
    private static void logReplaced(List<LayerInit> result) {
        Map<String, List<Integer>> byInit = new java.util.TreeMap<>();
        for (LayerInit li : result) {
            if (li.replaced() != null) {
                byInit.computeIfAbsent(li.replaced(), k -> new ArrayList<>()).add(li.index());
            }
        }
        if (!byInit.isEmpty()) {
            LOG.info(
                    "Edge-of-Chaos weights and biases replace the configured initialization ({}):"
                            + " the configuration's weightInit and biasInit are not used",
                    byInit.entrySet().stream()
                            .map(e -> e.getKey() + " on layers " + e.getValue())
                            .collect(java.util.stream.Collectors.joining("; ")));
        }
    }

    private static EocPoint solve(ActivationFunction phi, EocInitOptions options) {
        EocPoint p =
                Double.isNaN(options.sigmaB())
                        ? EdgeOfChaos.of(phi).recommended()
                        : EdgeOfChaos.of(phi).solve(options.sigmaB());
        if (p.unstable()) {
            LOG.warn(
                    "the EOC point of {} at sigma_b = {} is unstable (chi_q = {} >= 1): q_l will"
                            + " drift away from q*; choose a larger sigma_b",
                    phi.spec(),
                    p.sigmaB(),
                    p.chiQ());
        }
        return p;
    }

    private static INDArray weights(
            INDArray like, InitVariances v, EocInitOptions options, SplittableRandom rng) {
        if (like.rank() == 4) {
            return kernels(like, v, options, rng);
        }
        int rows = Math.toIntExact(like.size(0));
        int cols = Math.toIntExact(like.size(1));
        if (options.orthogonal()) {
            double[][] g = new double[rows][cols];
            for (double[] row : g) {
                for (int j = 0; j < cols; j++) {
                    row[j] = rng.nextGaussian();
                }
            }
            double[][] q = Orthogonal.orthonormalize(g);
            return Nd4j.create(q).muli(Orthogonal.scale(v, rows, cols)).castTo(like.dataType());
        }
        // i.i.d. entries: fill in DL4J's own 'f' layout so that setParam is a plain copy
        double std = v.weightStd(rows);
        float[] w = new float[rows * cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (std * rng.nextGaussian());
        }
        return Nd4j.create(w, new long[] {rows, cols}, 'f').castTo(like.dataType());
    }

    /** i.i.d. N(0, sigma_w^2 / (in kh kw)) convolution kernels [out, in, kh, kw]. */
    private static INDArray kernels(
            INDArray like, InitVariances v, EocInitOptions options, SplittableRandom rng) {
        if (options.orthogonal()) {
            throw new IllegalArgumentException(
                    "orthogonal weights are for dense layers; a ConvolutionLayer would need the"
                            + " delta-orthogonal initialization (Xiao et al. 2018), which eoc does"
                            + " not have: drop withOrthogonalWeights() for this network");
        }
        long fanIn = like.size(1) * like.size(2) * like.size(3);
        double std = v.weightStd(Math.toIntExact(fanIn));
        float[] w = new float[Math.toIntExact(like.length())];
        for (int i = 0; i < w.length; i++) {
            w[i] = (float) (std * rng.nextGaussian());
        }
        return Nd4j.create(w, like.shape(), like.ordering()).castTo(like.dataType());
    }

    private static INDArray biases(INDArray like, InitVariances v, SplittableRandom rng) {
        float[] b = new float[Math.toIntExact(like.length())];
        double sigmaB = v.sigmaB();
        for (int i = 0; i < b.length; i++) {
            b[i] = (float) (sigmaB * rng.nextGaussian());
        }
        return Nd4j.create(b, like.shape(), 'c').castTo(like.dataType());
    }

    /** Why a BatchNormalization layer is passed over. */
    static final String BATCH_NORM_KEPT =
            "BatchNormalization keeps DL4J's gamma = 1, beta = 0 (it normalizes whatever the init)";

    private static LayerInit skipped(DenseStage stage, String activation, String why) {
        return new LayerInit(
                stage.index(), stage.name(), stage.type(), activation, 0, 0, null, null, why, null);
    }

    private static LayerInit refuse(DenseStage stage, EocInitOptions options, String reason) {
        String message = stage.describe() + ": " + reason;
        if (!options.lenient()) {
            throw new IllegalArgumentException(
                    message
                            + " (use EocInitOptions.asLenient() to skip such layers with a warning)");
        }
        LOG.warn("{}; left as DL4J initialized it", message);
        return skipped(stage, "", reason);
    }
}
