package dev.eoc.examples.demo;

import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.examples.train.InitPoint;

/**
 * The per-layer correlation c_l and second moment q_l of pairs of inputs in one network at
 * initialization, measured by the signal-propagation probe, next to the mean-field prediction
 * computed from the same network's per-layer weight and bias variances (Poole et al. 2016, eqs.
 * 3-5; Schoenholz et al. 2017, Fig. 2).
 *
 * <p>Index 0 is the input, 1..L the hidden layers, L + 1 the output layer's pre-activations.
 *
 * @param init the initialization
 * @param phase its phase in words ({@link TheoryRow#phase})
 * @param snapshot what the probe measured
 */
public record CorrelationProfile(InitPoint init, String phase, PropagationSnapshot snapshot) {

    /** Measured c_l, index 0 = input. */
    public double[] c() {
        return snapshot.cEmpirical();
    }

    /** Predicted c_l. */
    public double[] cTheory() {
        return snapshot.cTheory();
    }

    /** Measured q_l. */
    public double[] q() {
        return snapshot.qEmpirical();
    }

    /** Predicted q_l. */
    public double[] qTheory() {
        return snapshot.qTheory();
    }

    /** Index of the last entry (the output layer). */
    public int last() {
        return snapshot.depth();
    }

    /** The layer indices 0..last as doubles, for charts. */
    public double[] layers() {
        double[] x = new double[last() + 1];
        for (int l = 0; l < x.length; l++) {
            x[l] = l;
        }
        return x;
    }
}
