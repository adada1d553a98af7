package dev.eoc.djl;

import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.convolutional.Convolution;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.BatchNorm;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.SignalPath;
import java.util.List;
import java.util.Map;

/**
 * How far along a {@link NetworkLayout}'s top-level nodes the mean-field theory can follow the
 * signal, and the {@link SignalPath} of that stretch (a BatchNorm is on it as a {@link
 * SignalPath.Normalization}, where the prediction stops while the layers after it are still
 * probed): it stops at the first convolution it cannot place (3-D, grouped, after a Linear layer or
 * inside a residual branch), unsupported block (pooling among them), residual branch ending with an
 * activation, or block that would receive a signal that is not Gaussian ({@link
 * SignalPath#followableDenseLayers()}).
 *
 * @param probeable the weighted layers before the stop (all of them when there is none)
 * @param stop where and why the theory stops; null when it follows the whole network
 * @param path the signal path of the probeable layers; null when there are none
 */
record TheoryReach(int probeable, NetworkLayout.Stop stop, SignalPath path) {

    /** Walks the nodes; {@code activations} maps each activation leaf to what it computes. */
    static TheoryReach of(
            List<NetworkLayout.Node> nodes, Map<Block, ActivationFunction> activations) {
        // the nodes before the first one the theory cannot follow by its kind
        int end = nodes.size();
        String reason = null;
        boolean flat = false; // a Linear layer or residual block has read the signal flattened
        for (int i = 0; i < end && reason == null; i++) {
            reason = theoryStop(nodes.get(i), activations, flat);
            end = reason == null ? end : i;
            flat |= nodes.get(i) instanceof NetworkLayout.Residual || isLinear(nodes.get(i));
        }
        // of those, the ones before the first that would receive a non-Gaussian signal: a dense
        // layer past the path's followable ones (SignalPath.followableDenseLayers is the same for
        // every prefix that reaches the first unfollowable activation)
        SignalPath all = pathOf(nodes.subList(0, end), activations);
        int followable = all == null ? 0 : all.followableDenseLayers();
        int dense = 0;
        for (int i = 0; i < end; i++) {
            int more = denseLayers(nodes.get(i));
            if (dense + more > followable) {
                end = i;
                reason =
                        "block "
                                + nodes.get(i).path()
                                + " of type "
                                + describe(nodes.get(i))
                                + " receives a signal that is not Gaussian (an activation's"
                                + " output joined by a residual sum, with no Linear layer"
                                + " after it), which the mean-field maps cannot follow";
                break;
            }
            dense += more;
        }
        return new TheoryReach(
                dense,
                reason == null ? null : new NetworkLayout.Stop(nodes.get(end), reason),
                dense == 0 ? null : pathOf(nodes.subList(0, end), activations));
    }

    /** The path of these nodes; null when they hold no dense layer. */
    private static SignalPath pathOf(
            List<NetworkLayout.Node> nodes, Map<Block, ActivationFunction> activations) {
        SignalPath.Builder b = SignalPath.builder();
        int dense = 0;
        for (NetworkLayout.Node n : nodes) {
            dense += steps(n, activations, b);
        }
        return dense == 0 ? null : b.build();
    }

    /** The weighted layers of a node, a residual branch's included. */
    private static int denseLayers(NetworkLayout.Node node) {
        if (node instanceof NetworkLayout.Residual r) {
            int n = 0;
            for (NetworkLayout.Node child : r.branch()) {
                n += denseLayers(child);
            }
            return n;
        }
        return NetworkLayout.isWeighted(((NetworkLayout.Leaf) node).block()) ? 1 : 0;
    }

    /** Appends a node's steps to the path; returns its number of dense layers. */
    private static int steps(
            NetworkLayout.Node node,
            Map<Block, ActivationFunction> activations,
            SignalPath.Builder path) {
        if (node instanceof NetworkLayout.Residual r) {
            SignalPath.Builder branch = SignalPath.builder();
            int n = 0;
            for (NetworkLayout.Node child : r.branch()) {
                n += steps(child, activations, branch);
            }
            path.residual(r.scale(), branch.build());
            return n;
        }
        Block b = ((NetworkLayout.Leaf) node).block();
        if (b instanceof BatchNorm) {
            path.normalization(); // the theory stops here; the layers after it are measured
            return 0;
        }
        if (b instanceof Convolution conv) {
            path.convolution(
                    SignalPath.Convolution.of(
                            ints(conv.getKernelShape()),
                            ints(conv.getStride()),
                            ints(conv.getDilation()),
                            ints(conv.getPadding())));
            return 1;
        }
        if (NetworkLayout.isWeighted(b)) {
            path.dense();
            return 1;
        }
        ActivationFunction phi = activations.get(b);
        if (phi != null) {
            path.activation(phi);
        }
        return 0;
    }

    /**
     * Why the theory cannot follow the signal through this node, or null if it can; {@code flat}
     * when a Linear layer or residual block came before it.
     */
    private static String theoryStop(
            NetworkLayout.Node node, Map<Block, ActivationFunction> activations, boolean flat) {
        if (node instanceof NetworkLayout.Residual r) {
            for (NetworkLayout.Node child : r.branch()) {
                if (child instanceof NetworkLayout.Leaf leaf
                        && leaf.block() instanceof Convolution) {
                    return "residual block "
                            + r.path()
                            + " has a convolution in its branch (block "
                            + leaf.path()
                            + "): the probe's residual maps are those of dense branches";
                }
                String inner = theoryStop(child, activations, true);
                if (inner != null) {
                    return inner;
                }
            }
            if (!endsWithWeighted(r.branch())) {
                return "residual block "
                        + r.path()
                        + "'s branch ends with an activation, not a Linear layer: it adds a signal"
                        + " with a non-zero mean, which the residual mean-field maps do not follow"
                        + " (they cover y + alpha (W phi(y) + b), Hayou et al. 2019 Prop. 1)";
            }
            return null;
        }
        Block b = ((NetworkLayout.Leaf) node).block();
        if (b instanceof Convolution conv) {
            return convolutionStop(conv, node.path(), flat);
        }
        if (!NetworkLayout.isWeighted(b)
                && !NetworkLayout.isPassThrough(b)
                && !(b instanceof BatchNorm)
                && !activations.containsKey(b)) {
            return "block "
                    + node.path()
                    + " of type "
                    + NetworkLayout.describe(b)
                    + " is not supported";
        }
        return null;
    }

    /**
     * Why the theory cannot follow this convolution, or null: it follows 1-D and 2-D convolutions
     * without groups from the input up to the first Linear layer (eoc-core's {@code
     * SignalPath.Convolution}).
     */
    private static String convolutionStop(Convolution conv, String path, boolean flat) {
        String what = "block " + path + " is a " + conv.getClass().getSimpleName();
        if (conv.getKernelShape().dimension() > 2) {
            return what
                    + ": the probe's theory follows convolutions over 1 or 2 spatial dimensions"
                    + " (Conv1d, Conv2d)";
        }
        if (conv.getGroups() != 1) {
            return what
                    + " with "
                    + conv.getGroups()
                    + " groups: the probe's theory follows convolutions whose every filter reads"
                    + " every input channel (groups = 1)";
        }
        if (flat) {
            return what
                    + " after a Linear layer or residual block: the probe's theory follows"
                    + " convolutions from the input images up to the first Linear layer";
        }
        return null;
    }

    private static boolean isLinear(NetworkLayout.Node n) {
        return n instanceof NetworkLayout.Leaf leaf && leaf.block() instanceof Linear;
    }

    private static int[] ints(Shape shape) {
        int[] out = new int[shape.dimension()];
        for (int i = 0; i < out.length; i++) {
            out[i] = Math.toIntExact(shape.get(i));
        }
        return out;
    }

    private static boolean endsWithWeighted(List<NetworkLayout.Node> branch) {
        for (int i = branch.size() - 1; i >= 0; i--) {
            NetworkLayout.Node n = branch.get(i);
            if (n instanceof NetworkLayout.Leaf leaf && NetworkLayout.isPassThrough(leaf.block())) {
                continue;
            }
            return n instanceof NetworkLayout.Leaf leaf && NetworkLayout.isWeighted(leaf.block());
        }
        return false;
    }

    private static String describe(NetworkLayout.Node n) {
        return n instanceof NetworkLayout.Leaf leaf
                ? NetworkLayout.describe(leaf.block())
                : "residual block";
    }
}
