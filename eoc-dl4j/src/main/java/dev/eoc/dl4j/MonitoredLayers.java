package dev.eoc.dl4j;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.SignalPath;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The layers a {@link PropagationProbe} monitors, in forward order, with the activation the theory
 * applies after each (phi_l feeds layer l + 1; after the last, linear stands in for an output
 * activation without a mapping such as softmax), the name each is reported under, the theory's
 * signal path, and the graph path of a residual graph (null for a chain).
 *
 * @param stages the monitored layers
 * @param activations phi_l after layer l, one per layer
 * @param specs the activation name reported per layer (the layer's own for an unmapped output)
 * @param graphPath the residual graph's path, null for a chain
 * @param path the theory's signal path of the stages
 */
record MonitoredLayers(
        List<DenseStage> stages,
        List<ActivationFunction> activations,
        List<String> specs,
        GraphPath graphPath,
        SignalPath path) {

    private static final Logger LOG = LoggerFactory.getLogger(MonitoredLayers.class);

    MonitoredLayers {
        stages = List.copyOf(stages);
        activations = List.copyOf(activations);
        specs = List.copyOf(specs);
    }

    /** The layers of a network, which must be initialized. */
    static MonitoredLayers of(MultiLayerNetwork net) {
        return chain(DenseChain.of(net));
    }

    /**
     * The layers of a graph, which must be initialized: a chain, or a residual graph ({@link
     * GraphPath}), whose layers are compared with the residual mean-field maps. In a graph with
     * other merges the chain of layers before the first merge, with a warning naming where it
     * stops.
     */
    static MonitoredLayers of(ComputationGraph graph) {
        List<DenseStage> stages = DenseChain.of(graph);
        GraphPath path = GraphPath.of(graph);
        if (path.residual() && path.path().followableDenseLayers() == path.path().denseLayers()) {
            return residual(stages, path);
        }
        if (path.residual()) {
            LOG.warn(
                    "the residual graph's signal becomes non-Gaussian after dense layer {} (an"
                            + " activation's output joined by a residual sum, with no dense layer"
                            + " after it), which the mean-field maps cannot follow",
                    path.path().followableDenseLayers());
        }
        return chain(stages);
    }

    private static MonitoredLayers residual(List<DenseStage> stages, GraphPath path) {
        Map<String, DenseStage> byName = new HashMap<>();
        stages.forEach(s -> byName.put(s.name(), s));
        List<DenseStage> run = new ArrayList<>();
        List<ActivationFunction> activations = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (String name : path.denseNames()) {
            DenseStage s = byName.get(name);
            run.add(s);
            ActivationFunction next = path.nextActivation(name);
            ActivationFunction phi = next != null ? next : Activations.linear();
            activations.add(phi);
            boolean unmapped = s.activation() != null && !Dl4jActivations.maps(s.activation());
            specs.add(unmapped ? String.valueOf(s.activation()) : phi.spec());
        }
        return new MonitoredLayers(run, activations, specs, path, path.path());
    }

    /**
     * The longest run of stages from the input that the theory can follow: convolutions reading the
     * input images, then fully connected layers whose activations eoc-core maps, with
     * BatchNormalization layers between them passed over (on the theory's path as a normalization,
     * where the prediction stops); the stage that ends it is named in a warning (none left: an
     * error naming what is supported).
     */
    static MonitoredLayers chain(List<DenseStage> stages) {
        List<DenseStage> run = new ArrayList<>();
        Set<Integer> normalizedAfter = new HashSet<>();
        String stop = null;
        boolean flat = false; // a fully connected layer has read the signal flattened
        for (DenseStage s : stages) {
            if (s.convolution()) {
                stop =
                        flat
                                ? s.describe()
                                        + " is a convolution after a fully connected layer: the"
                                        + " probe's theory follows convolutions from the input"
                                        + " images up to the first fully connected layer"
                                : ConvolutionStage.stop(s);
                if (stop == null && run.isEmpty() && s.feedingActivation() != null) {
                    stop = s.describe() + " is not fed by the input";
                }
                if (stop != null) {
                    break;
                }
                run.add(s);
                continue;
            }
            if (!s.dense()) {
                if (s.layer().numParams() == 0 && !s.offChain()) {
                    continue; // dropout and the like: inference passes the signal through
                }
                if (s.layer().conf().getLayer()
                                instanceof org.deeplearning4j.nn.conf.layers.BatchNormalization
                        && !s.offChain()
                        && !run.isEmpty()) {
                    // the theory stops here (SignalPath.Normalization); the layers after it are
                    // still measured
                    normalizedAfter.add(run.size() - 1);
                    continue;
                }
                stop = s.describe() + " is not a fully connected layer";
                break;
            }
            if (run.isEmpty()
                    ? s.feedingActivation() != null
                    : !Dl4jActivations.maps(s.feedingActivation())) {
                stop =
                        s.describe()
                                + (run.isEmpty()
                                        ? " is not fed by the input"
                                        : " has an activation"
                                                + " input that eoc-core cannot follow");
                break;
            }
            run.add(s);
            flat = true;
        }
        if (run.isEmpty()) {
            throw new IllegalArgumentException(
                    "no layer can be monitored: "
                            + stop
                            + "; supported: "
                            + String.join(", ", DenseChain.SUPPORTED_TYPES)
                            + " with activations "
                            + String.join(", ", Dl4jActivations.SUPPORTED));
        }
        if (stop != null) {
            LOG.warn(
                    "monitoring layers {}..{} only: {}",
                    run.get(0).index(),
                    run.get(run.size() - 1).index(),
                    stop);
        }
        List<ActivationFunction> activations = new ArrayList<>();
        List<String> specs = new ArrayList<>();
        for (int l = 0; l < run.size(); l++) {
            DenseStage s = run.get(l);
            boolean last = l == run.size() - 1;
            // phi_l is what feeds layer l + 1; after the last layer it is never used by the theory,
            // so an output activation such as softmax needs no mapping (linear stands in)
            ActivationFunction phi =
                    last
                            ? (Dl4jActivations.maps(s.activation())
                                    ? Dl4jActivations.toCore(s.activation())
                                    : Activations.linear())
                            : Dl4jActivations.toCore(run.get(l + 1).feedingActivation());
            activations.add(phi);
            specs.add(
                    last && !Dl4jActivations.maps(s.activation())
                            ? String.valueOf(s.activation())
                            : phi.spec());
        }
        return new MonitoredLayers(
                run, activations, specs, null, chainPath(run, activations, normalizedAfter));
    }

    /** Convolutions and dense layers in order, phi_l between layer l and l + 1. */
    private static SignalPath chainPath(
            List<DenseStage> run,
            List<ActivationFunction> activations,
            Set<Integer> normalizedAfter) {
        SignalPath.Builder b = SignalPath.builder();
        for (int l = 0; l < run.size(); l++) {
            if (l > 0) {
                if (normalizedAfter.contains(l - 1)) {
                    b.normalization();
                }
                b.activation(activations.get(l - 1));
            }
            if (run.get(l).convolution()) {
                b.convolution(ConvolutionStage.step(run.get(l).layer()));
            } else {
                b.dense();
            }
        }
        return b.build();
    }
}
