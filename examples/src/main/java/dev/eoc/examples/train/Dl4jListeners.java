package dev.eoc.examples.train;

import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Attaches eoc-dl4j's signal-propagation listener to a network under training; never throws. */
final class Dl4jListeners {

    private static final Logger LOG = LoggerFactory.getLogger(Dl4jListeners.class);

    /**
     * Probe pairs the listener follows: 8 rows, fewer than any usual batch, and c_l is averaged
     * over 4 pairs (as in eoc-dl4j's MNIST test); a smaller first batch gives rows / 2 pairs.
     */
    static final int PROBE_PAIRS = 4;

    private Dl4jListeners() {}

    /**
     * A listener probing pairs of the first batch's rows, added to the network's listeners; null
     * (with a warning) when it cannot be made, so that training goes on without it.
     *
     * @param model a MultiLayerNetwork or a ComputationGraph
     */
    static PropagationListener attach(Object model, INDArray firstBatch, NetworkSpec spec) {
        try {
            PropagationListener l =
                    PropagationListener.of(
                            ProbeSet.pairsFrom(
                                    firstBatch,
                                    Math.min(PROBE_PAIRS, firstBatch.rows() / 2),
                                    spec.seed()),
                            spec.listenerInterval(),
                            spec.listenerFile(),
                            spec.provenance());
            if (model instanceof ComputationGraph graph) {
                graph.addListeners(l);
            } else {
                ((MultiLayerNetwork) model).addListeners(l);
            }
            return l;
        } catch (RuntimeException e) {
            LOG.warn(
                    "signal-propagation listener not attached ({}); training goes on without it",
                    e.toString());
            return null;
        }
    }
}
