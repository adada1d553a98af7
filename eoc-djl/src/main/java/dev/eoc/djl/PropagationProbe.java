package dev.eoc.djl;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.nn.core.Linear;
import ai.djl.training.ParameterStore;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.EmpiricalStatistics;
import dev.eoc.core.diagnostics.FlatRegion;
import dev.eoc.core.diagnostics.LayerStatistics;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.diagnostics.SpatialSignal;
import dev.eoc.core.diagnostics.TheoryPredictor;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs probe inputs through a DJL network leaf by leaf (inference mode, no gradient recording) and
 * measures, at the output of every Linear layer, the pre-activation statistics q_l and c_l; reads
 * the layer's empirical sigma_w^2 = fan_in Var(W), sigma_b^2 = Var(b) and the norm of its last
 * weight gradient; and combines them with the mean-field prediction for those actual variances
 * ({@link PropagationSnapshot#of}). Statistics are computed by eoc-core's {@link
 * EmpiricalStatistics}, exactly as for every other framework.
 *
 * <p>Convolutions (Conv1d, Conv2d) before the first Linear layer are probed the same way: their
 * outputs, flattened, give q_l and c_l, and the theory follows the probe images' second moments
 * position by position (eoc-core's {@code TheoryPredictor.predict(SpatialSignal, ...)}; Xiao et al.
 * 2018); a convolution's width for the finite-width band is its number of filters.
 *
 * <p>Residual blocks ({@link ResidualBlock}) are followed with the residual mean-field maps
 * (eoc-core's {@code SignalPath}): the branch's Linear layers are probed like any others, and the
 * theory adds each branch's second moments to the stream's (Yang &amp; Schoenholz 2017; Hayou,
 * Doucet &amp; Rousseau 2019, Prop. 1).
 *
 * <p>Probe inputs are rows (first dimension) taken in pairs: rows 0 and 1 form the first pair, 2
 * and 3 the second, and so on; the theory follows each pair from its own input correlation. All
 * temporary arrays live in a sub-manager closed before returning.
 *
 * <p>Gradient norms are those of the gradient of the batch's mean loss (DJL's losses average over
 * the batch), read from the parameters, or given by a training loop that keeps its gradients
 * elsewhere ({@link #measure(NDArray, long, double[])}); NaN ("n/a") where neither is available.
 */
public final class PropagationProbe {

    private final NetworkLayout layout;
    private final List<FlatRegion> flatRegions = new ArrayList<>();
    private final TheoryPredictor theory = TheoryPredictor.tabulated();
    private final Map<Block, Integer> probed = new IdentityHashMap<>();

    private PropagationProbe(NetworkLayout layout, boolean lenient) {
        this.layout = layout;
        if (!lenient && layout.stop().isPresent()) {
            throw new IllegalArgumentException(
                    layout.stop().get().reason()
                            + ", so the probe cannot judge this network; lenient mode probes the"
                            + " Linear layers before it only"
                            + " (PropagationListener.builder().optLenient(true))");
        }
        if (layout.probeableLayers().isEmpty()) {
            throw new IllegalArgumentException(
                    "no Linear layer comes before the first block the theory cannot follow ("
                            + layout.stop().map(NetworkLayout.Stop::reason).orElse("none")
                            + "), so nothing can be probed against the theory; supported: "
                            + NetworkLayout.SUPPORTED);
        }
        for (NetworkLayout.Dense d : layout.probeableLayers()) {
            flatRegions.add(FlatRegion.of(d.after().orElse(Activations.linear())));
            probed.put(d.layer(), probed.size());
        }
    }

    /** A probe for a block tree whose activations are read from its blocks. */
    public static PropagationProbe of(Block block) {
        return new PropagationProbe(NetworkLayout.of(block, List.of(), false), false);
    }

    /**
     * A probe with explicit activation specs after each Linear layer (empty: read from the blocks)
     * and, in lenient mode, unsupported blocks forwarded but not analysed.
     */
    public static PropagationProbe of(Block block, List<String> specs, boolean lenient) {
        List<ActivationFunction> acts = specs.stream().map(Activations::parse).toList();
        return new PropagationProbe(NetworkLayout.of(block, acts, lenient), lenient);
    }

    /** Number of Linear layers probed. */
    public int depth() {
        return layout.probeableLayers().size();
    }

    /** Output units of the last probed Linear layer (the classes of a classifier). */
    public int outputUnits() {
        return Math.toIntExact(layout.probeableLayers().get(depth() - 1).units());
    }

    /**
     * Measures one snapshot.
     *
     * @param inputs probe rows in pairs, shape (2K, ...), on the model's device
     * @param iteration the training iteration to record
     * @param gradients whether to read the weights' gradients (NaN when they have none)
     */
    public PropagationSnapshot measure(NDArray inputs, long iteration, boolean gradients) {
        return measure(inputs, iteration, gradients, null);
    }

    /**
     * Measures one snapshot with gradient norms given by the caller.
     *
     * @param gradientNorms |dL/dW_l| of the batch's mean loss per probed Linear layer, in order
     *     (NaN entries where unknown), or null for none
     */
    public PropagationSnapshot measure(NDArray inputs, long iteration, double[] gradientNorms) {
        if (gradientNorms != null && gradientNorms.length != depth()) {
            throw new IllegalArgumentException(
                    "need one gradient norm per probed Linear layer ("
                            + depth()
                            + "), got "
                            + gradientNorms.length);
        }
        return measure(inputs, iteration, false, gradientNorms);
    }

    private PropagationSnapshot measure(
            NDArray inputs, long iteration, boolean gradients, double[] given) {
        float[][] inputRows = rows(inputs);
        double q0 = EmpiricalStatistics.meanSquare(inputRows);
        double[] c0 = EmpiricalStatistics.pairCorrelations(inputRows);
        float[][][] outputs = new float[depth()][][];
        try (NDManager sub = inputs.getManager().newSubManager()) {
            NDArray x = inputs.duplicate();
            x.attach(sub);
            run(layout.nodes(), new NDList(x), new ParameterStore(sub, false), outputs);
        }
        List<NDArray> weights = new ArrayList<>();
        List<NDArray> biases = new ArrayList<>();
        List<NDArray> grads = new ArrayList<>();
        List<Integer> gradLayers = new ArrayList<>();
        for (int l = 0; l < depth(); l++) {
            Block layer = layout.probeableLayers().get(l).layer();
            NDArray w = layer.getParameters().get("weight").getArray();
            weights.add(w);
            if (layer.getParameters().contains("bias")) {
                biases.add(layer.getParameters().get("bias").getArray());
            }
            if (gradients && w.hasGradient()) {
                grads.add(w.getGradient());
                gradLayers.add(l);
            }
        }
        double[][] wm = ParameterMoments.of(weights);
        double[][] bm = ParameterMoments.of(biases);
        double[] norms = new double[depth()];
        java.util.Arrays.fill(norms, Double.NaN);
        if (given != null) {
            System.arraycopy(given, 0, norms, 0, depth());
        }
        if (!grads.isEmpty()) {
            double[][] gm = ParameterMoments.of(grads);
            for (int k = 0; k < gm.length; k++) {
                double n = Math.sqrt(gm[k][1] * grads.get(k).size());
                norms[gradLayers.get(k)] = Double.isNaN(n) ? Double.POSITIVE_INFINITY : n;
            }
            grads.forEach(NDArray::close);
        }
        List<LayerStatistics> stats = new ArrayList<>();
        int b = 0;
        for (int l = 0; l < depth(); l++) {
            NetworkLayout.Dense d = layout.probeableLayers().get(l);
            ActivationFunction after = d.after().orElse(Activations.linear());
            boolean hasBias = d.layer().getParameters().contains("bias");
            LayerStatistics s =
                    LayerStatistics.measure(
                            d.index(),
                            after,
                            flatRegions.get(l),
                            outputs[l],
                            norms[l],
                            FanIn.of(weights.get(l).getShape()) * ParameterMoments.variance(wm[l]),
                            hasBias ? ParameterMoments.variance(bm[b++]) : 0);
            // a convolution's filters are its independent units: each is one draw of the weights
            stats.add(d.layer() instanceof Linear ? s : s.withWidth(Math.toIntExact(d.units())));
        }
        if (layout.path().spatial()) {
            Shape shape = inputs.getShape();
            int[] dims = new int[shape.dimension() - 2];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = Math.toIntExact(shape.get(i + 2));
            }
            SpatialSignal input = SpatialSignal.of(inputRows, Math.toIntExact(shape.get(1)), dims);
            return PropagationSnapshot.of(iteration, input, stats, layout.path(), theory);
        }
        return PropagationSnapshot.of(iteration, q0, c0, stats, layout.path(), theory);
    }

    /**
     * Forwards through nodes, keeping each probed layer's output; a residual block's branch is run
     * node by node for its layers' outputs, and the block itself gives the joined output. Returns
     * null once every probed layer has its output (the rest measures nothing).
     */
    private NDList run(
            List<NetworkLayout.Node> nodes,
            NDList current,
            ParameterStore store,
            float[][][] outputs) {
        for (NetworkLayout.Node node : nodes) {
            if (outputs[depth() - 1] != null) {
                return null;
            }
            if (node instanceof NetworkLayout.Residual r) {
                run(r.branch(), current, store, outputs);
                current = r.block().forward(store, current, false);
                continue;
            }
            Block block = ((NetworkLayout.Leaf) node).block();
            current = block.forward(store, current, false);
            Integer l = probed.get(block);
            if (l != null) {
                outputs[l] = rows(current.singletonOrThrow());
            }
        }
        return current;
    }

    /** The values as floats, converting other data types (float64 models) on the way. */
    static float[] floats(NDArray a) {
        if (a.getDataType() == DataType.FLOAT32) {
            return a.toFloatArray();
        }
        try (NDArray f = a.toType(DataType.FLOAT32, true)) {
            return f.toFloatArray();
        }
    }

    /** The array as rows: first dimension = row, the rest flattened. */
    static float[][] rows(NDArray a) {
        int n = Math.toIntExact(a.getShape().get(0));
        float[] flat = floats(a);
        int width = flat.length / n;
        float[][] rows = new float[n][width];
        for (int r = 0; r < n; r++) {
            System.arraycopy(flat, r * width, rows[r], 0, width);
        }
        return rows;
    }
}
