package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.Activation;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Snapshots of an ideal (infinitely wide) network, whose empirical values equal the theory. */
final class Snapshots {
    private Snapshots() {}

    /** Depth-L network with one activation and variances; empirical = mean-field trajectory. */
    static PropagationSnapshot ideal(
            Activation act, double sigmaW, double sigmaB, double q0, double c0, int depth) {
        InitVariances v = InitVariances.ofStd(sigmaW, sigmaB);
        double q1 = v.biasVariance() + v.weightVariance() * q0;
        double c1 = (v.biasVariance() + v.weightVariance() * q0 * c0) / q1;
        Trajectory t = depth > 1 ? MeanField.of(act, v).propagate(q1, c1, depth - 1) : null;
        List<LayerStatistics> layers = new ArrayList<>();
        for (int l = 1; l <= depth; l++) {
            double q = t == null ? q1 : t.q()[l - 1];
            double c = t == null ? c1 : t.c()[l - 1];
            layers.add(
                    new LayerStatistics(
                            l, act.spec(), q, c, 0.01, v.weightVariance(), v.biasVariance()));
        }
        return PropagationSnapshot.of(7, q0, c0, layers, Collections.nCopies(depth, act));
    }
}
