package dev.eoc.djl;

import ai.djl.nn.Block;
import ai.djl.nn.LambdaBlock;
import ai.djl.nn.ParallelBlock;
import ai.djl.nn.SequentialBlock;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import ai.djl.nn.norm.Dropout;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A block tree read as the mean-field theory sees it: nested {@link SequentialBlock}s opened into
 * nodes, residual blocks ({@link ResidualJoin}: a branch and an identity joined by y + alpha
 * branch(y)) kept as nodes with their branch, and each weighted layer ({@link Linear}, or a {@link
 * Convolution}: fan-in input channels x kernel area, the q-map and hence the EOC point are a dense
 * layer's) paired with the activation that follows it in forward order. Shape-only leaves ({@code
 * batchFlatten}) and {@link Dropout} (identity at inference) are passed over. Anything else is
 * unsupported: an error naming the block, or, in lenient mode, a logged warning.
 *
 * <p>The probe's theory ({@link #path()}) covers the weighted layers before the first block it
 * cannot follow: a convolution it cannot place ({@link TheoryReach} says which), an unsupported
 * block (pooling among them), or a residual block whose branch ends with an activation ({@link
 * SignalPath.Residual} says why). A BatchNorm stays on the path: the prediction stops at it (the
 * maps have no normalization) while every layer after it is still probed.
 */
final class NetworkLayout {

    private static final Logger LOG = LoggerFactory.getLogger(NetworkLayout.class);

    static final String SUPPORTED =
            "Linear and Conv1d/2d/3d layers, each followed by an activation block (EocActivations.*, or DJL's"
                    + " ReLU/Tanh/sigmoid/SELU/GELU/Mish/softPlus blocks), with batchFlatten,"
                    + " Dropout and BatchNorm blocks in between (the theory stops at a BatchNorm;"
                    + " the layers after it are measured), inside"
                    + " (nested) SequentialBlocks, and residual blocks y + alpha branch(y)"
                    + " (ResidualBlock.of(branch, alpha), or a ParallelBlock of a branch and"
                    + " Blocks.identityBlock() joined by a sum)";

    /** A node of the tree in forward order: a leaf block or a residual block. */
    sealed interface Node permits Leaf, Residual {
        String path();
    }

    /** One leaf block; {@code path} is its child index in each enclosing block. */
    record Leaf(Block block, String path) implements Node {}

    /** A residual block y + scale branch(y); the branch's nodes are in forward order. */
    record Residual(ParallelBlock block, String path, double scale, List<Node> branch)
            implements Node {}

    /**
     * A weighted layer (Linear or Convolution): its 1-based index among them in forward order, its
     * path, and the activation applied next on the signal's way (empty for an output layer).
     */
    record Dense(int index, Block layer, String path, Optional<ActivationFunction> after) {

        /** Output units of a Linear layer, filters (channels) of a convolution. */
        long units() {
            return layer.getParameters().get("weight").getArray().getShape().get(0);
        }
    }

    /** Why the theory stops at a top-level node, and that node. */
    record Stop(Node node, String reason) {}

    /** Whether a leaf holds the weights of a layer eoc initializes. */
    static boolean isWeighted(Block b) {
        return b instanceof Linear || b instanceof Convolution;
    }

    private final List<Node> nodes;
    private final List<Dense> layers;
    private final int probeable;
    private final Optional<Stop> stop;
    private final SignalPath path;

    private NetworkLayout(
            List<Node> nodes, List<Dense> layers, int probeable, Stop stop, SignalPath path) {
        this.nodes = List.copyOf(nodes);
        this.layers = List.copyOf(layers);
        this.probeable = probeable;
        this.stop = Optional.ofNullable(stop);
        this.path = path;
    }

    /** The top-level nodes in forward order. */
    List<Node> nodes() {
        return nodes;
    }

    /** Every weighted layer in forward order, the residual branches' included. */
    List<Dense> layers() {
        return layers;
    }

    /**
     * The weighted layers whose statistics the theory can follow: those before the first block it
     * cannot ({@link #stop()}); all of them when there is none.
     */
    List<Dense> probeableLayers() {
        return layers.subList(0, probeable);
    }

    /** Where the theory stops, if it does, and why. */
    Optional<Stop> stop() {
        return stop;
    }

    /** The signal path of the probeable layers; null when there are none. */
    SignalPath path() {
        return path;
    }

    /**
     * Reads a block tree.
     *
     * @param explicit activation after each weighted layer in order (empty: read from the blocks)
     * @param lenient skip unsupported blocks with a warning instead of failing
     * @throws IllegalArgumentException for an unsupported block (strict mode), a block holding
     *     weighted layers off the chain that is no residual block, a Linear layer with no
     *     recognizable activation, or an explicit list of the wrong length
     */
    static NetworkLayout of(Block root, List<ActivationFunction> explicit, boolean lenient) {
        List<Node> nodes = new ArrayList<>();
        open(root, "", nodes);
        List<Leaf> leaves = new ArrayList<>();
        forwardLeaves(nodes, leaves);
        int weighted = (int) leaves.stream().filter(l -> isWeighted(l.block())).count();
        if (weighted == 0) {
            throw new IllegalArgumentException(
                    "no Linear layer found in " + describe(root) + "; supported: " + SUPPORTED);
        }
        if (!explicit.isEmpty() && explicit.size() != weighted) {
            throw new IllegalArgumentException(
                    "got "
                            + explicit.size()
                            + " explicit activation specs for "
                            + weighted
                            + " Linear layers; give one per Linear layer (\"linear\" for none)");
        }
        List<Dense> layers = new ArrayList<>();
        Map<Block, ActivationFunction> activationLeaves = new IdentityHashMap<>();
        for (int i = 0; i < leaves.size(); i++) {
            Leaf leaf = leaves.get(i);
            if (isWeighted(leaf.block())) {
                int index = layers.size() + 1;
                Optional<ActivationFunction> after =
                        explicit.isEmpty()
                                ? activationAfter(leaves, i, index, lenient)
                                : Optional.of(explicit.get(index - 1));
                layers.add(new Dense(index, leaf.block(), leaf.path(), after));
            } else if (isActivation(leaf.block(), explicit)) {
                activationLeaves.put(
                        leaf.block(),
                        explicit.isEmpty()
                                ? EocActivations.recognize(leaf.block()).orElseThrow()
                                : layers.isEmpty()
                                        ? explicit.get(0)
                                        : layers.get(layers.size() - 1).after().orElseThrow());
            } else if (!isPassThrough(leaf.block()) && !(leaf.block() instanceof BatchNorm)) {
                unsupported(leaf, lenient);
            }
        }
        TheoryReach reach = TheoryReach.of(nodes, activationLeaves);
        return new NetworkLayout(nodes, layers, reach.probeable(), reach.stop(), reach.path());
    }

    /** The leaves in forward order, a residual branch's in place of its block. */
    private static void forwardLeaves(List<Node> nodes, List<Leaf> out) {
        for (Node n : nodes) {
            if (n instanceof Leaf leaf) {
                out.add(leaf);
            } else if (n instanceof Residual r) {
                forwardLeaves(r.branch(), out);
            }
        }
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
        if (b instanceof LambdaBlock && !explicit.isEmpty() && !isPassThrough(b)) {
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

    private static void unsupported(Leaf leaf, boolean lenient) {
        String message =
                "block "
                        + leaf.path()
                        + " of type "
                        + describe(leaf.block())
                        + " is not supported; supported: "
                        + SUPPORTED;
        if (!lenient) {
            throw new IllegalArgumentException(message + " (or use lenient mode to skip it)");
        }
        LOG.warn("{}; lenient mode: left as it is", message);
    }

    /** Opens sequential blocks and residual blocks into nodes. */
    private static void open(Block block, String path, List<Node> out) {
        if (block instanceof SequentialBlock) {
            int k = 0;
            for (Block child : block.getChildren().values()) {
                open(child, path.isEmpty() ? Integer.toString(k) : path + "/" + k, out);
                k++;
            }
            return;
        }
        String here = path.isEmpty() ? "root" : path;
        if (block instanceof ParallelBlock parallel && containsWeighted(block)) {
            ResidualJoin join = ResidualJoin.of(parallel, here);
            List<Node> branch = new ArrayList<>();
            open(join.branch(), here + "/" + join.branchChild(), branch);
            out.add(new Residual(parallel, here, join.scale(), branch));
            return;
        }
        if (!isWeighted(block) && containsWeighted(block)) {
            throw new IllegalArgumentException(
                    "block "
                            + here
                            + " of type "
                            + describe(block)
                            + " holds Linear layers that eoc cannot place on the signal's path"
                            + " (neither a sequence nor a residual block), so it can neither"
                            + " initialize them on the Edge of Chaos nor predict the signal"
                            + " through them, in strict or lenient mode; supported: "
                            + SUPPORTED);
        }
        out.add(new Leaf(block, here));
    }

    static boolean containsWeighted(Block b) {
        for (Block child : b.getChildren().values()) {
            if (isWeighted(child) || containsWeighted(child)) {
                return true;
            }
        }
        return false;
    }

    static String describe(Block b) {
        if (b instanceof LambdaBlock l && !(b instanceof ActivationBlock)) {
            return "LambdaBlock '" + l.getName() + "'";
        }
        return b.getClass().getSimpleName();
    }
}
