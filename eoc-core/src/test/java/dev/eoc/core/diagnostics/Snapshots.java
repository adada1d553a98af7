package dev.eoc.core.diagnostics;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/** Snapshots of an ideal (infinitely wide) network, whose empirical values equal the theory. */
final class Snapshots {
    private Snapshots() {}

    /** Depth-L network with one activation and variances; empirical = mean-field trajectory. */
    static PropagationSnapshot ideal(
            ActivationFunction act, double sigmaW, double sigmaB, double q0, double c0, int depth) {
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

    /**
     * The ideal network as a probe of {@code width} units and two identical pairs would measure it
     * with no finite-width scatter: per-pair correlations, width and a healthy unit activity.
     */
    static PropagationSnapshot probed(
            ActivationFunction act,
            double sigmaW,
            double sigmaB,
            double q0,
            double c0,
            int depth,
            int width) {
        PropagationSnapshot ideal = ideal(act, sigmaW, sigmaB, q0, c0, depth);
        List<LayerStatistics> layers = new ArrayList<>();
        FlatRegion.Kind kind = FlatRegion.of(act).kind();
        double flat = kind == FlatRegion.Kind.RECTIFYING ? 0.5 : 0.0;
        for (LayerStatistics l : ideal.layers()) {
            layers.add(
                    new LayerStatistics(
                            l.layer(),
                            l.activation(),
                            l.qEmpirical(),
                            l.cEmpirical(),
                            l.gradientNorm(),
                            l.weightVariance(),
                            l.biasVariance(),
                            width,
                            new double[] {l.cEmpirical(), l.cEmpirical()},
                            new UnitActivity(kind, flat, flat / 4)));
        }
        return PropagationSnapshot.of(
                ideal.iteration(),
                q0,
                new double[] {c0, c0},
                layers,
                Collections.nCopies(depth, act),
                null);
    }

    /** The snapshot with every layer replaced by {@code change} of it (theory recomputed). */
    static PropagationSnapshot map(PropagationSnapshot s, UnaryOperator<LayerStatistics> change) {
        List<LayerStatistics> layers = new ArrayList<>();
        List<ActivationFunction> acts = new ArrayList<>();
        for (LayerStatistics l : s.layers()) {
            layers.add(change.apply(l));
            acts.add(Activations.parse(l.activation()));
        }
        double[] c0 = new double[Math.max(1, s.theory().pairs())];
        java.util.Arrays.fill(c0, s.inputCorrelation());
        return PropagationSnapshot.of(s.iteration(), s.inputSecondMoment(), c0, layers, acts, null);
    }

    /** A copy of a layer with other measured q, c (both pairs), gradient and activity. */
    static LayerStatistics with(
            LayerStatistics l, double q, double c, double gradient, UnitActivity activity) {
        double[] pairs = l.pairCorrelations();
        java.util.Arrays.fill(pairs, c);
        return new LayerStatistics(
                l.layer(),
                l.activation(),
                q,
                c,
                gradient,
                l.weightVariance(),
                l.biasVariance(),
                l.width(),
                pairs,
                activity);
    }
}
