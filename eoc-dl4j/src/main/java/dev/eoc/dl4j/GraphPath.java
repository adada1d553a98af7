package dev.eoc.dl4j;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DropoutLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A {@code ComputationGraph} with residual joins read as a {@link SignalPath}: from the network
 * input, dense layers ({@code DenseLayer}, {@code OutputLayer}), activations ({@code
 * ActivationLayer}, a dense layer's own activation), dropout (identity at inference), and residual
 * blocks: an {@code ElementWiseVertex(Add)} of a stream vertex and a branch that starts from that
 * stream and ends with a dense layer, optionally scaled by a {@code ScaleVertex} (y + alpha
 * branch(y); Hayou, Doucet &amp; Rousseau 2019, Prop. 1; He et al. 2016). Anything else (a merge, a
 * convolution, BatchNormalization, a branch ending with an activation, a second output) leaves the
 * graph unread, with the reason in {@link #problem()}.
 */
final class GraphPath {

    /** One step on a signal's way: a dense layer, an activation or a residual block. */
    private sealed interface Item permits DenseItem, ActivationItem, ResidualItem {}

    private record DenseItem(String name) implements Item {}

    private record ActivationItem(ActivationFunction phi, IActivation dl4j) implements Item {}

    private record ResidualItem(double scale, List<Item> branch) implements Item {}

    /** A signal: the vertex it started from, its steps since then, and a pending scale. */
    private record Signal(String anchor, List<Item> local, double scale) {
        Signal then(Item item) {
            List<Item> next = new ArrayList<>(local);
            next.add(item);
            return new Signal(anchor, next, scale);
        }
    }

    private final SignalPath path;
    private final List<String> denseNames;
    private final List<String> flatNames;
    private final List<ActivationFunction> flatActivations;
    private final String problem;
    private final String theoryProblem;

    private final List<Item> items;

    private GraphPath(List<Item> items, String problem) {
        this.items = items == null ? List.of() : List.copyOf(items);
        List<Object> flat = new ArrayList<>();
        if (items != null) {
            flatten(items, flat);
        }
        List<String> names = new ArrayList<>();
        List<ActivationFunction> acts = new ArrayList<>();
        for (Object o : flat) {
            names.add(o instanceof DenseItem d ? d.name() : null);
            acts.add(o instanceof ActivationItem a ? a.phi() : null);
        }
        this.flatNames = names;
        this.flatActivations = acts;
        this.denseNames = names.stream().filter(java.util.Objects::nonNull).toList();
        this.problem = problem;
        SignalPath built = null;
        String theory = problem;
        if (problem == null) {
            try {
                built = build(items);
            } catch (IllegalArgumentException e) {
                theory = e.getMessage();
            }
        }
        this.path = built;
        this.theoryProblem = theory;
    }

    /** Reads a graph's configuration. */
    static GraphPath of(ComputationGraph graph) {
        ComputationGraphConfiguration conf = graph.getConfiguration();
        Map<String, Signal> signals = new HashMap<>();
        for (int v : graph.topologicalSortOrder()) {
            String name = graph.getVertices()[v].getVertexName();
            if (conf.getNetworkInputs().contains(name)) {
                signals.put(name, new Signal(name, List.of(), 1));
                continue;
            }
            List<String> inputs = conf.getVertexInputs().get(name);
            try {
                signals.put(name, signal(name, conf.getVertices().get(name), inputs, signals));
            } catch (IllegalArgumentException e) {
                return new GraphPath(null, e.getMessage());
            }
        }
        if (conf.getNetworkInputs().size() != 1 || conf.getNetworkOutputs().size() != 1) {
            return new GraphPath(null, "the graph has not one input and one output");
        }
        Signal out = signals.get(conf.getNetworkOutputs().get(0));
        if (out.scale() != 1) {
            return new GraphPath(null, "the output is a ScaleVertex");
        }
        GraphPath p = new GraphPath(out.local(), null);
        long layers =
                conf.getVertices().values().stream()
                        .filter(
                                x ->
                                        x instanceof LayerVertex lv
                                                && isDense(lv.getLayerConf().getLayer()))
                        .count();
        if (p.denseNames.size() != layers) {
            return new GraphPath(
                    null, "some dense layers are not on the path from the input to the output");
        }
        return p;
    }

    private static Signal signal(
            String name, GraphVertex vertex, List<String> inputs, Map<String, Signal> signals) {
        if (vertex instanceof ElementWiseVertex add
                && add.getOp() == ElementWiseVertex.Op.Add
                && inputs.size() == 2) {
            return join(name, signals.get(inputs.get(0)), signals.get(inputs.get(1)));
        }
        if (inputs == null || inputs.size() != 1) {
            throw new IllegalArgumentException(
                    "vertex '"
                            + name
                            + "' ("
                            + vertex
                            + ") merges several inputs and is no residual Add");
        }
        Signal in = signals.get(inputs.get(0));
        if (vertex instanceof ScaleVertex scale) {
            return new Signal(in.anchor(), in.local(), in.scale() * scale.getScaleFactor());
        }
        if (in.scale() != 1) {
            throw new IllegalArgumentException(
                    "vertex '"
                            + name
                            + "' reads a ScaleVertex that is not the end of a residual branch");
        }
        if (!(vertex instanceof LayerVertex lv)) {
            throw new IllegalArgumentException(
                    "vertex '"
                            + name
                            + "' of type "
                            + vertex.getClass().getSimpleName()
                            + " is not supported");
        }
        Layer layer = lv.getLayerConf().getLayer();
        if (isDense(layer)) {
            Signal s = in.then(new DenseItem(name));
            IActivation own =
                    ((org.deeplearning4j.nn.conf.layers.BaseLayer) layer).getActivationFn();
            if (own != null && !(own instanceof ActivationIdentity) && Dl4jActivations.maps(own)) {
                s = s.then(new ActivationItem(Dl4jActivations.toCore(own), own));
            }
            return s;
        }
        if (layer instanceof ActivationLayer a) {
            return in.then(
                    new ActivationItem(
                            Dl4jActivations.toCore(a.getActivationFn()), a.getActivationFn()));
        }
        if (layer instanceof DropoutLayer) {
            return in;
        }
        throw new IllegalArgumentException(
                "layer '"
                        + name
                        + "' of type "
                        + layer.getClass().getSimpleName()
                        + " is not supported in a residual graph");
    }

    /** y + alpha branch(y): one input's steps must extend the other's. */
    private static Signal join(String name, Signal a, Signal b) {
        Signal stream = a.local().size() <= b.local().size() ? a : b;
        Signal branch = stream == a ? b : a;
        boolean residual =
                stream.anchor().equals(branch.anchor())
                        && stream.scale() == 1
                        && branch.local().size() > stream.local().size()
                        && branch.local().subList(0, stream.local().size()).equals(stream.local());
        if (!residual) {
            throw new IllegalArgumentException(
                    "ElementWiseVertex '"
                            + name
                            + "' does not add a branch to the stream it starts from (y + alpha"
                            + " branch(y))");
        }
        List<Item> steps = branch.local().subList(stream.local().size(), branch.local().size());
        return stream.then(new ResidualItem(branch.scale(), List.copyOf(steps)));
    }

    /** The theory's path; throws where a residual branch does not end with a dense layer. */
    private static SignalPath build(List<Item> items) {
        SignalPath.Builder b = SignalPath.builder();
        for (Item i : items) {
            if (i instanceof DenseItem) {
                b.dense();
            } else if (i instanceof ActivationItem a) {
                b.activation(a.phi());
            } else if (i instanceof ResidualItem r) {
                b.residual(r.scale(), build(r.branch()));
            }
        }
        return b.build();
    }

    /** The items in forward order, a residual branch's in place of its block. */
    private static void flatten(List<Item> items, List<Object> out) {
        for (Item i : items) {
            if (i instanceof ResidualItem r) {
                flatten(r.branch(), out);
            } else {
                out.add(i);
            }
        }
    }

    /**
     * Runs inputs along the path in inference mode and returns each dense layer's input, keyed by
     * its vertex name, and the network's output under the key {@code ""} (for a check against
     * {@code ComputationGraph.outputSingle}). Computed here rather than read from {@code
     * ComputationGraph.feedForward}, whose map of activations is not safe to read in a residual
     * graph: in inference an ActivationLayer applies its function in place to its input array, so
     * the stream's entry is overwritten (measured on 1.0.0-M2.1: the map's "embed" equal to tanh of
     * it, while the network's output was right).
     */
    Map<String, INDArray> denseInputs(ComputationGraph graph, INDArray x) {
        Map<String, INDArray> out = new HashMap<>();
        INDArray y = run(items, graph, x, out);
        IActivation top =
                ((org.deeplearning4j.nn.conf.layers.BaseLayer)
                                graph.getLayer(denseNames.get(denseNames.size() - 1))
                                        .conf()
                                        .getLayer())
                        .getActivationFn();
        boolean applied = !(top instanceof ActivationIdentity) && Dl4jActivations.maps(top);
        out.put("", applied ? y : top.getActivation(y.dup(), false));
        return out;
    }

    private static INDArray run(
            List<Item> steps, ComputationGraph graph, INDArray x, Map<String, INDArray> out) {
        INDArray y = x;
        for (Item i : steps) {
            if (i instanceof DenseItem d) {
                org.deeplearning4j.nn.api.Layer layer = graph.getLayer(d.name());
                out.put(d.name(), y);
                INDArray b = layer.getParam(DefaultParamInitializer.BIAS_KEY);
                y = y.mmul(layer.getParam(DefaultParamInitializer.WEIGHT_KEY));
                if (b != null) {
                    y.addiRowVector(b);
                }
            } else if (i instanceof ActivationItem a) {
                y = a.dl4j().getActivation(y.dup(), false);
            } else if (i instanceof ResidualItem r) {
                INDArray branch = run(r.branch(), graph, y, out);
                y = y.add(branch.mul(r.scale()));
            }
        }
        return y;
    }

    static boolean isDense(Layer layer) {
        return layer instanceof DenseLayer || layer.getClass() == OutputLayer.class;
    }

    /** Why the graph could not be read as a path, or null. */
    String problem() {
        return problem;
    }

    /**
     * Why the theory cannot follow the path (a residual branch ending with an activation), or why
     * the graph could not be read; null when {@link #path()} is set.
     */
    String theoryProblem() {
        return theoryProblem;
    }

    /** True when the theory follows the graph and it has a residual block. */
    boolean residual() {
        return path != null && path.residual();
    }

    /** The theory's path; null when {@link #theoryProblem()} is set. */
    SignalPath path() {
        return path;
    }

    /** The dense layers' vertex names in path order. */
    List<String> denseNames() {
        return denseNames;
    }

    /**
     * The activation whose Edge-of-Chaos point a dense layer takes: the one applied to its input
     * just before it (the q-map through W involves it; the DL4J adapter's rule for chains), else
     * the first one after it on the signal's way, else null.
     */
    ActivationFunction initActivation(String denseName) {
        int at = flatNames.indexOf(denseName);
        if (at > 0 && flatActivations.get(at - 1) != null) {
            return flatActivations.get(at - 1);
        }
        return nextActivation(at);
    }

    /** The first activation after a dense layer on the signal's way, else null. */
    ActivationFunction nextActivation(String denseName) {
        return nextActivation(flatNames.indexOf(denseName));
    }

    private ActivationFunction nextActivation(int at) {
        for (int i = at + 1; i < flatActivations.size(); i++) {
            if (flatActivations.get(i) != null) {
                return flatActivations.get(i);
            }
        }
        return null;
    }
}
