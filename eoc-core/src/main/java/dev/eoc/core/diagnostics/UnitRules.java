package dev.eoc.core.diagnostics;

import static dev.eoc.core.diagnostics.Numbers.n;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * Units stuck in the activation's flat region ({@link FlatRegion}), counted on the probe rows.
 *
 * <ul>
 *   <li>{@link Verdict#DEAD_UNITS}: for a rectifying activation (ReLU, ELU, ...), a layer with at
 *       least {@value #DEAD_FRACTION} of its (row, unit) entries flat: DeepDiagnosis' "dead node"
 *       rule (share of ReLU outputs &lt;= 0 at least 0.7; Wardat et al., ICSE 2022, callbacks.py)
 *       and AUTOTRAINER's "dying ReLU" default gamma = 0.7 (Zhang et al., ICSE 2021). A healthy
 *       centred ReLU layer has 1/2 (scatter ~ 1 / (2 sqrt(N)) with N units).
 *   <li>{@link Verdict#SATURATED}: for a bounded activation (tanh, sigmoid, erf, hard-tanh), a
 *       layer with more than {@value #SATURATED_FRACTION} of its entries flat (|phi'| below 1% of
 *       its peak: |tanh h| &gt; 0.995): DeepDiagnosis' "saturated activation" share 0.5. A tanh
 *       layer on the EOC at q* = 0.51 has about 2e-4.
 * </ul>
 */
final class UnitRules {

    /** Share of flat entries of a rectifying layer from which its units count as dead. */
    static final double DEAD_FRACTION = 0.7;

    /** Share of flat entries of a bounded activation's layer over which it is saturated. */
    static final double SATURATED_FRACTION = 0.5;

    private UnitRules() {}

    static void check(RuleInput in, List<Finding> out) {
        check(in, out, FlatRegion.Kind.RECTIFYING);
        check(in, out, FlatRegion.Kind.SATURATING);
    }

    private static void check(RuleInput in, List<Finding> out, FlatRegion.Kind kind) {
        boolean dead = kind == FlatRegion.Kind.RECTIFYING;
        double threshold = dead ? DEAD_FRACTION : SATURATED_FRACTION;
        LayerStatistics worst = null;
        int over = 0;
        for (LayerStatistics l : in.snapshot().layers()) {
            UnitActivity a = l.activity();
            if (a.kind() != kind
                    || !(dead ? a.flatFraction() >= threshold : a.flatFraction() > threshold)) {
                continue;
            }
            over++;
            if (worst == null || a.flatFraction() > worst.activity().flatFraction()) {
                worst = l;
            }
        }
        if (worst == null) {
            return;
        }
        UnitActivity a = worst.activity();
        String evidence =
                String.format(
                        Locale.ROOT,
                        "%s: %d layer(s) with %s %s of the entries %s; worst layer %d (%s): %s of"
                                + " entries, %s of its units on every probe row (q = %s)",
                        dead ? "dead units" : "saturated units",
                        over,
                        dead ? ">=" : ">",
                        n(threshold),
                        dead ? "in the flat region (no gradient)" : "saturated",
                        worst.layer(),
                        worst.activation(),
                        n(a.flatFraction()),
                        n(a.deadUnitFraction()),
                        n(worst.qEmpirical()));
        String fix =
                dead
                        ? "pre-activations sit below the kink (a negative bias, weights off the"
                                + " Edge of Chaos, or a learning rate that pushed them there):"
                                + " use sigma_b = 0 and the EOC sigma_w (./eoc solve --activation "
                                + worst.activation()
                                + " --sigma-b 0), lower the learning rate, or use leaky ReLU /"
                                + " ELU"
                        : "pre-activations are too large for "
                                + worst.activation()
                                + ": lower sigma_w and sigma_b to the Edge of Chaos (./eoc solve"
                                + " --activation "
                                + worst.activation()
                                + " --sigma-b SIGMA_B), scale the inputs, or lower the"
                                + " learning rate";
        out.add(
                new Finding(
                        dead ? Verdict.DEAD_UNITS : Verdict.SATURATED,
                        Finding.Severity.WARNING,
                        worst.layer(),
                        a.flatFraction(),
                        dead ? 0.5 : Double.NaN,
                        evidence,
                        fix));
    }
}
