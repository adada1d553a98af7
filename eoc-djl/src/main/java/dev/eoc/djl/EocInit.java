package dev.eoc.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import dev.eoc.core.activation.Activation;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.meanfield.InitVariances;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-call Edge-of-Chaos initialization of a DJL network: every {@code Linear} layer of a block
 * tree gets W ~ N(0, sigma_w^2 / fan_in) and b ~ N(0, sigma_b^2) at the Edge of Chaos of its
 * activation (chi_1 = sigma_w^2 E[phi'(sqrt(q*) Z)^2] = 1; Schoenholz et al. 2017; Hayou et al.
 * 2019), solved with eoc-core.
 *
 * <p>Usage (the order matters, because {@code Model.newTrainer} applies the initializers of {@code
 * DefaultTrainingConfig.optInitializer} to every matching parameter and would replace ours):
 *
 * <pre>{@code
 * SequentialBlock net = new SequentialBlock()
 *         .add(Linear.builder().setUnits(300).build()).add(EocActivations.tanh())
 *         ...;
 * model.setBlock(net);
 * try (Trainer trainer = model.newTrainer(config)) {
 *     EocInit.apply(net, EocInitOptions.seed(42)); // after newTrainer, before initialize
 *     trainer.initialize(new Shape(batch, 784));
 *     ...
 * }
 * }</pre>
 *
 * <p>Each Linear layer is paired with the activation block that follows it; an output layer with no
 * activation uses the point of the activation feeding it, as the paper initializes its output layer
 * like the others. Layer k's weight and bias seeds are drawn in order from one {@link
 * SplittableRandom}(seed), so the whole network is reproducible from one seed.
 */
public final class EocInit {

    private static final Logger LOG = LoggerFactory.getLogger(EocInit.class);

    private EocInit() {}

    /**
     * What was set on one Linear layer.
     *
     * @param layer 1-based index among the Linear layers
     * @param path the block's position in the tree (child indices separated by '/')
     * @param activation spec of the activation whose EOC point was used
     * @param sigmaW weight standard deviation (variance sigma_w^2 / fan_in per weight)
     * @param sigmaB bias standard deviation
     * @param stable whether the point's variance fixed point attracts (chi_q &lt; 1); true for
     *     user-given points
     */
    public record LayerInit(
            int layer,
            String path,
            String activation,
            double sigmaW,
            double sigmaB,
            boolean stable) {}

    /**
     * Sets Edge-of-Chaos initializers on every Linear layer of {@code block}.
     *
     * @return what was set, one entry per Linear layer
     * @throws IllegalArgumentException for unsupported blocks (unless lenient), activations without
     *     an Edge of Chaos (the message says why), or a bad explicit spec list
     * @throws IllegalStateException when the parameters are already initialized
     */
    public static List<LayerInit> apply(Block block, EocInitOptions options) {
        NetworkLayout layout = NetworkLayout.of(block, options.activations(), options.lenient());
        SplittableRandom seeds = new SplittableRandom(options.seed());
        Map<String, EocPoint> points = new HashMap<>();
        List<LayerInit> result = new ArrayList<>();
        Activation previous = null;
        for (NetworkLayout.Dense d : layout.layers()) {
            Activation act = initActivation(d, previous);
            previous = act;
            InitVariances v = variances(act, options, points);
            EocPoint p = points.get(act.spec());
            boolean stable = p == null || p.stable();
            set(d, "weight", weightInitializer(v, seeds.nextLong(), options.orthogonal()));
            long biasSeed = seeds.nextLong();
            if (d.linear().getParameters().contains("bias")) {
                set(d, "bias", new EocBiasInitializer(v.biasVariance(), biasSeed));
            }
            result.add(
                    new LayerInit(d.index(), d.path(), act.spec(), v.sigmaW(), v.sigmaB(), stable));
        }
        LOG.info(
                "Edge-of-Chaos initializers set on {} Linear layers (first: {} with sigma_w = {},"
                        + " sigma_b = {})",
                result.size(),
                result.get(0).activation(),
                result.get(0).sigmaW(),
                result.get(0).sigmaB());
        return result;
    }

    private static Activation initActivation(NetworkLayout.Dense d, Activation previous) {
        Optional<Activation> after = d.after().filter(a -> !a.spec().equals("linear"));
        if (after.isPresent()) {
            return after.get();
        }
        if (previous == null) {
            throw new IllegalArgumentException(
                    "Linear layer "
                            + d.index()
                            + " (block "
                            + d.path()
                            + ") has no activation after it and no layer before it to take one"
                            + " from; supported: "
                            + NetworkLayout.SUPPORTED);
        }
        return previous; // output layer: its input went through the previous activation
    }

    private static InitVariances variances(
            Activation act, EocInitOptions options, Map<String, EocPoint> points) {
        if (options.sigmaW() != null && options.sigmaB() != null) {
            return InitVariances.ofStd(options.sigmaW(), options.sigmaB());
        }
        EocPoint p =
                points.computeIfAbsent(
                        act.spec(),
                        k -> {
                            EdgeOfChaos eoc = EdgeOfChaos.of(act);
                            EocPoint point =
                                    options.sigmaB() == null
                                            ? eoc.recommended()
                                            : eoc.solve(options.sigmaB());
                            if (!point.stable()) {
                                LOG.warn(
                                        "Edge-of-Chaos point of {} at sigma_b = {} is unstable"
                                                + " (chi_q = {} >= 1): q_l will drift away from q*;"
                                                + " a larger sigma_b gives a stable point",
                                        k,
                                        point.sigmaB(),
                                        point.chiQ());
                            }
                            return point;
                        });
        double sigmaW = options.sigmaW() != null ? options.sigmaW() : p.sigmaW();
        return InitVariances.ofStd(sigmaW, p.sigmaB());
    }

    private static EocWeightInitializer weightInitializer(
            InitVariances v, long seed, boolean orthogonal) {
        return orthogonal
                ? EocWeightInitializer.orthogonal(v.weightVariance(), seed)
                : EocWeightInitializer.normal(v.weightVariance(), seed);
    }

    private static void set(
            NetworkLayout.Dense d, String name, ai.djl.training.initializer.Initializer init) {
        Parameter p = d.linear().getParameters().get(name);
        if (p.isInitialized()) {
            throw new IllegalStateException(
                    "parameter '"
                            + name
                            + "' of Linear layer "
                            + d.index()
                            + " is already initialized: call EocInit.apply after"
                            + " model.newTrainer(config) and before trainer.initialize(shape)");
        }
        p.setInitializer(init);
    }
}
