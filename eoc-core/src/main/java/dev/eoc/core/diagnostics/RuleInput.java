package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.activation.LeakyRelu;

/**
 * What every diagnosis rule reads: the snapshot, the training progress, the geometric-mean gain
 * chi_1 of the theory and whether the hidden activations are positively homogeneous.
 *
 * @param snapshot the report's measurements and theory
 * @param progress initialization flag, classes, loss history
 * @param meanChi1 geometric mean of the theory's per-transition chi_1 (NaN when unknown)
 * @param homogeneous true when every hidden activation is leaky-ReLU-like (relu, leaky_relu,
 *     linear): phi(a x) = a phi(x), so the correlation map does not depend on sigma_w and chi_1
 *     only scales q_l and the gradients (Hayou et al. 2019, Prop. 1)
 * @param residual true when the network has residual blocks: q_l has no fixed point and c_l
 *     converges to 1 polynomially at every initialization (Yang &amp; Schoenholz 2017), so there is
 *     no ordered or chaotic phase to name, and a wrong scale is fixed by the branch scale
 */
record RuleInput(
        PropagationSnapshot snapshot,
        TrainingProgress progress,
        double meanChi1,
        boolean homogeneous,
        boolean residual) {

    static RuleInput of(PropagationSnapshot s, TrainingProgress progress) {
        return new RuleInput(
                s,
                progress,
                PropagationDiagnosis.geometricMeanChi(s.theory().chi1()),
                homogeneous(s),
                s.theory().residual());
    }

    /** The spec of the first layer's activation, for commands in advice. */
    String firstActivation() {
        return snapshot.layers().get(0).activation();
    }

    private static boolean homogeneous(PropagationSnapshot s) {
        int hidden = Math.max(1, s.depth() - 1); // the last layer's activation feeds no layer
        for (int l = 0; l < hidden; l++) {
            if (!(parse(s.layers().get(l).activation()) instanceof LeakyRelu)) {
                return false;
            }
        }
        return true;
    }

    /** The activation a spec names, or null when it names none eoc-core knows (e.g. softmax). */
    static ActivationFunction parse(String spec) {
        try {
            return Activations.parse(spec);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
