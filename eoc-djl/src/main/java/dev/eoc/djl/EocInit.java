package dev.eoc.djl;

import ai.djl.nn.Block;
import ai.djl.nn.Parameter;
import ai.djl.training.Trainer;
import dev.eoc.core.activation.ActivationFunction;
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
 * <p>Usage: pass the trainer. {@code Model.newTrainer(config)} applies the initializers of {@code
 * DefaultTrainingConfig.optInitializer} to every matching parameter, so initializers set before it
 * are replaced; {@link #apply(Trainer, EocInitOptions)} runs after it and wins:
 *
 * <pre>{@code
 * SequentialBlock net = new SequentialBlock()
 *         .add(Linear.builder().setUnits(300).build()).add(EocActivations.tanh())
 *         ...;
 * model.setBlock(net);
 * try (Trainer trainer = model.newTrainer(config)) {
 *     EocInit.apply(trainer, EocInitOptions.withSeed(42)); // after newTrainer, before initialize
 *     trainer.initialize(new Shape(batch, 784));
 *     ...
 * }
 * }</pre>
 *
 * <p>{@link #apply(Block, EocInitOptions)} is for blocks initialized without a trainer ({@code
 * block.initialize(manager, type, shape)}). Used before {@code newTrainer} with a config that
 * replaces the weights' initializer, {@code trainer.initialize} fails and says to pass the trainer
 * (the biases' Edge-of-Chaos initializer notices that the weights' was replaced); a config that
 * replaces every parameter's initializer, biases included, cannot be noticed this way.
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
     * Sets Edge-of-Chaos initializers on every Linear layer of {@code block}; with a trainer, use
     * {@link #apply(Trainer, EocInitOptions)}.
     *
     * @param block the network, its parameters not initialized yet
     * @param options seed and overrides
     * @return what was set, one entry per Linear layer
     * @throws IllegalArgumentException for unsupported blocks (unless lenient), activations without
     *     an Edge of Chaos (the message says why), or a bad explicit spec list
     * @throws IllegalStateException when the parameters are already initialized
     */
    public static List<LayerInit> apply(Block block, EocInitOptions options) {
        return applyToBlock(block, options);
    }

    /**
     * Sets Edge-of-Chaos initializers on every Linear layer of the trainer's model: the order-proof
     * form. Called after {@code model.newTrainer(config)}, it wins over the config's {@code
     * optInitializer}, which the trainer has already applied; call it before {@code
     * trainer.initialize(shape)}.
     *
     * @param trainer a trainer whose parameters are not initialized yet
     * @param options seed and overrides
     * @return what was set, one entry per Linear layer
     * @throws IllegalArgumentException as {@link #apply(Block, EocInitOptions)}
     * @throws IllegalStateException when the parameters are already initialized
     */
    public static List<LayerInit> apply(Trainer trainer, EocInitOptions options) {
        return applyToBlock(trainer.getModel().getBlock(), options);
    }

    private static List<LayerInit> applyToBlock(Block block, EocInitOptions options) {
        NetworkLayout layout = NetworkLayout.of(block, options.activations(), options.lenient());
        SplittableRandom seeds = new SplittableRandom(options.seed());
        Map<String, EocPoint> points = new HashMap<>();
        List<LayerInit> result = new ArrayList<>();
        ActivationFunction previous = null;
        for (NetworkLayout.Dense d : layout.layers()) {
            ActivationFunction act = initActivation(d, previous);
            previous = act;
            InitVariances v = variances(act, options, points);
            EocPoint p = points.get(act.spec());
            boolean stable = p == null || !p.unstable();
            Parameter weight = d.layer().getParameters().get("weight");
            Parameter bias =
                    d.layer().getParameters().contains("bias")
                            ? d.layer().getParameters().get("bias")
                            : null;
            set(d, weight, weightInitializer(v, seeds.nextLong(), options.orthogonal()), bias);
            long biasSeed = seeds.nextLong();
            if (bias != null) {
                set(d, bias, new EocBiasInitializer(v.biasVariance(), biasSeed), weight);
            }
            result.add(
                    new LayerInit(d.index(), d.path(), act.spec(), v.sigmaW(), v.sigmaB(), stable));
        }
        LOG.info(
                "{} initializers set on {} Linear layers (first: {} with sigma_w = {},"
                        + " sigma_b = {}); they draw at trainer.initialize",
                options.hasSigmaW() ? "Given-point (sigma_b, sigma_w)" : "Edge-of-Chaos",
                result.size(),
                result.get(0).activation(),
                result.get(0).sigmaW(),
                result.get(0).sigmaB());
        return result;
    }

    private static ActivationFunction initActivation(
            NetworkLayout.Dense d, ActivationFunction previous) {
        Optional<ActivationFunction> after = d.after().filter(a -> !a.spec().equals("linear"));
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
            ActivationFunction act, EocInitOptions options, Map<String, EocPoint> points) {
        if (options.hasSigmaW()) { // at(sigmaB, sigmaW): both given, used as they are
            return InitVariances.ofStd(options.sigmaW(), options.sigmaB());
        }
        EocPoint p =
                points.computeIfAbsent(
                        act.spec(),
                        k -> {
                            EdgeOfChaos eoc = EdgeOfChaos.of(act);
                            EocPoint point =
                                    !options.hasSigmaB()
                                            ? eoc.recommended()
                                            : eoc.solve(options.sigmaB());
                            if (point.unstable()) {
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
        return InitVariances.ofStd(p.sigmaW(), p.sigmaB());
    }

    private static EocWeightInitializer weightInitializer(
            InitVariances v, long seed, boolean orthogonal) {
        return orthogonal
                ? EocWeightInitializer.orthogonal(v.weightVariance(), seed)
                : EocWeightInitializer.normal(v.weightVariance(), seed);
    }

    private static void set(
            NetworkLayout.Dense d,
            Parameter p,
            ai.djl.training.initializer.Initializer init,
            Parameter sibling) {
        if (p.isInitialized()) {
            throw new IllegalStateException(
                    "parameter '"
                            + p.getName()
                            + "' of Linear layer "
                            + d.index()
                            + " is already initialized: call EocInit.apply(trainer, options) after"
                            + " model.newTrainer(config) and before trainer.initialize(shape)");
        }
        p.setInitializer(new InitOrderGuard(init, sibling, d.index()));
    }
}
