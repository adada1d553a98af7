package dev.eoc.djl;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import dev.eoc.core.activation.ActivationFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block tree flattened into its leaves (nested {@link SequentialBlock}s are opened), with each
 * weighted layer ({@link Linear}, or a {@link Convolution}: its fan-in is input channels x kernel
 * area, and the q-map, hence the EOC point, is the same as a dense layer's) paired with the
 * activation that follows it. Shape-only leaves ({@code batchFlatten}) and {@link Dropout}
 * (identity at inference) are passed over. Anything else is unsupported: an error naming the leaf,
 * or, in lenient mode, a logged warning.
 */
final class NetworkLayout {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkLayout.class);

    static final String SUPPORTED =
            "Linear and Conv1d/2d/3d layers, each followed by an activation block (EocActivations.*, or DJL's"
                    + " ReLU/Tanh/sigmoid/SELU/GELU/Mish/softPlus blocks), with batchFlatten,"
                    + " Dropout and (for initialization) BatchNorm blocks in between, inside"
                    + " (nested) SequentialBlocks";

    /** One leaf in forward order; {@code path} is its child index in each enclosing block. */
    record Leaf(Block block, String path) {}

    /**
     * A weighted layer (Linear or Convolution): its 1-based index among them, its leaf position,
     * and the activation applied to its output (empty for an output layer without one).
     */
    record Dense(
            int index, Block layer, int leaf, String path, Optional<ActivationFunction> after) {

        /** The layer as a Linear; only the probeable layers are (the probe refuses the rest). */
        Linear linear() {
            return (Linear) layer;
        }
    }

    /** Whether a leaf holds the weights of a layer eoc initializes. */
    static boolean isWeighted(Block b) {
        return b instanceof Linear || b instanceof Convolution;
    }

    private final List<Leaf> leaves;
    private final List<Dense> layers;
    private final int probeable;
    private final Optional<Leaf> normalization;
    private final Optional<Leaf> convolution;

    private NetworkLayout(
            List<Leaf> leaves,
            List<Dense> layers,
            int probeable,
            Optional<Leaf> normalization,
            Optional<Leaf> convolution) {
        this.leaves = List.copyOf(leaves);
        this.layers = List.copyOf(layers);
        this.probeable = probeable;
        this.normalization = normalization;
        this.convolution = convolution;
    }

    /**
     * The first convolution, if any. Initialization treats it as a layer of fan-in channels x
     * kernel area; the probe's theory is that of dense layers, whose pairs of inputs a
     * convolution's weight sharing correlates differently (Xiao et al. 2018 give the convolutional
     * maps), so no probe verdict may rest on the layers from it on.
     */
    Optional<Leaf> convolution() {
        return convolution;
    }

    /**
     * The first BatchNorm leaf, if any. Initialization passes over it (the Linear before it is put
     * at the EOC of the activation after it, the paper's EOC + BN setting); the mean-field maps of
     * the listener do not include normalization (Yang et al. 2019 give BatchNorm's own theory:
     * gradients explode with depth whatever sigma_w), so no probe verdict may rest on the layers
     * from it on.
     */
    Optional<Leaf> normalization() {
        return normalization;
    }

    /**
     * The Linear layers whose statistics the theory can follow: all of them, or, in lenient mode,
     * those before the first unsupported block (after it the signal is transformed in a way the
     * theory does not know, so no verdict may rest on the layers behind it).
     */
    List<Dense> probeableLayers() {
        return layers.subList(0, probeable);
    }

    List<Leaf> leaves() {
        return leaves;
    }

    List<Dense> layers() {
        return layers;
    }

    /**
     * Reads a block tree.
     *
     * @param explicit activation after each Linear layer in order (empty: read from the blocks)
     * @param lenient skip unsupported blocks with a warning instead of failing
     * @throws IllegalArgumentException for an unsupported block (strict mode), a Linear layer with
     *     no recognizable activation, or an explicit list of the wrong length
     */
    static NetworkLayout of(Block root, List<ActivationFunction> explicit, boolean lenient) {
        List<Leaf> leaves = new ArrayList<>();
        flatten(root, "", leaves);
        for (int i = 0; i < leaves.size(); i++) {
            refuseHiddenLinears(leaves.get(i), i);
        }
        List<Dense> layers = new ArrayList<>();
        int probeable = -1;
        Leaf firstNormalization = null;
        Leaf firstConvolution = null;
        int linearCount = (int) leaves.stream().filter(l -> isWeighted(l.block())).count();
        if (linearCount == 0) {
            throw new IllegalArgumentException(
                    "no Linear layer found in " + describe(root) + "; supported: " + SUPPORTED);
        }
        if (!explicit.isEmpty() && explicit.size() != linearCount) {
            throw new IllegalArgumentException(
                    "got "
                            + explicit.size()
                            + " explicit activation specs for "
                            + linearCount
                            + " Linear layers; give one per Linear layer (\"linear\" for none)");
        }
        for (int i = 0; i < leaves.size(); i++) {
            Leaf leaf = leaves.get(i);
            if (isWeighted(leaf.block())) {
                if (leaf.block() instanceof Convolution && firstConvolution == null) {
                    firstConvolution = leaf;
                    if (probeable < 0) {
                        probeable = layers.size();
                    }
                }
                int index = layers.size() + 1;
                Optional<ActivationFunction> after =
                        explicit.isEmpty()
                                ? activationAfter(leaves, i, index, lenient)
                                : Optional.of(explicit.get(index - 1));
                layers.add(new Dense(index, leaf.block(), i, leaf.path(), after));
            } else if (leaf.block() instanceof BatchNorm) {
                if (firstNormalization == null) {
                    firstNormalization = leaf;
                    if (probeable < 0) {
                        probeable = layers.size();
                    }
                }
            } else if (!isPassThrough(leaf.block()) && !isActivation(leaf.block(), explicit)) {
                unsupported(leaf, i, lenient);
                if (probeable < 0) {
                    probeable = layers.size();
                }
            }
        }
        return new NetworkLayout(
                leaves,
                layers,
                probeable < 0 ? layers.size() : probeable,
                Optional.ofNullable(firstNormalization),
                Optional.ofNullable(firstConvolution));
    }

    /**
     * A leaf that holds Linear layers of its own (a ParallelBlock, say: a residual branch) has
     * layers off the chain that eoc can neither initialize on the EOC nor follow with the theory;
     * lenient mode must not skip it, or it would be left at the trainer's initializer and the
     * listener would still give a verdict.
     */
    private static void refuseHiddenLinears(Leaf leaf, int position) {
        if (isWeighted(leaf.block()) || !containsLinear(leaf.block())) {
            return;
        }
        throw new IllegalArgumentException(
                "block "
                        + leaf.path()
                        + " (leaf "
                        + position
                        + ") of type "
                        + describe(leaf.block())
                        + " holds Linear layers off the chain (e.g. a residual branch): eoc can"
                        + " neither initialize them on the Edge of Chaos nor predict the signal"
                        + " through them, in strict or lenient mode; supported: "
                        + SUPPORTED
                        + ". Initialize such blocks yourself and do not attach the listener to"
                        + " this model");
    }

    private static boolean containsLinear(Block b) {
        for (Block child : b.getChildren().values()) {
            if (isWeighted(child) || containsLinear(child)) {
                return true;
            }
        }
        return false;
    }

    private static Optional<ActivationFunction> activationAfter(
            List<Leaf> leaves, int linearLeaf, int index, boolean lenient) {
        for (int j = linearLeaf + 1; j < leaves.size(); j++) {
            Block b = leaves.get(j).block();
            if (isPassThrough(b) || b instanceof BatchNorm) {
                continue; // BatchNorm between Linear and activation: the activation still follows
            }
            Optional<ActivationFunction> a = EocActivations.recognize(b);
            if (a.isPresent() || isWeighted(b)) {
                return a;
            }
            String message =
                    "Linear layer "
                            + index
                            + " (block "
                            + leaves.get(linearLeaf).path()
                            + ") is followed by block "
                            + leaves.get(j).path()
                            + " of type "
                            + describe(b)
                            + ", which is not a recognizable activation; supported: "
                            + SUPPORTED
                            + "; or pass the activation specs explicitly";
            if (!lenient) {
                throw new IllegalArgumentException(message);
            }
            LOG.warn("{} (lenient mode: treated as having no activation)", message);
            return Optional.empty();
        }
        return Optional.empty();
    }

    private static boolean isActivation(Block b, List<ActivationFunction> explicit) {
        if (b instanceof LambdaBlock && !explicit.isEmpty()) {
            return true; // the explicit specs say what it computes
        }
        return EocActivations.recognize(b).isPresent();
    }

    static boolean isPassThrough(Block b) {
        return b instanceof Dropout
                || (b instanceof LambdaBlock l
                        && !(b instanceof ActivationBlock)
                        && l.getName().startsWith("batchFlatten"));
    }

    private static void unsupported(Leaf leaf, int position, boolean lenient) {
        String message =
                "block "
                        + leaf.path()
                        + " (leaf "
                        + position
                        + ") of type "
                        + describe(leaf.block())
                        + " is not supported; supported: "
                        + SUPPORTED;
        if (!lenient) {
            throw new IllegalArgumentException(message + " (or use lenient mode to skip it)");
        }
        LOG.warn("{}; lenient mode: left as it is", message);
    }

    private static void flatten(Block block, String path, List<Leaf> out) {
        if (block instanceof SequentialBlock) {
            int k = 0;
            for (Block child : block.getChildren().values()) {
                flatten(child, path.isEmpty() ? Integer.toString(k) : path + "/" + k, out);
                k++;
            }
        } else {
            out.add(new Leaf(block, path.isEmpty() ? "root" : path));
        }
    }

    static String describe(Block b) {
        if (b instanceof LambdaBlock l && !(b instanceof ActivationBlock)) {
            return "LambdaBlock '" + l.getName() + "'";
        }
        return b.getClass().getSimpleName();
    }
}
