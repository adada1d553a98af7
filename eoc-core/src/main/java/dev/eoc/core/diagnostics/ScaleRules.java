package dev.eoc.core.diagnostics;

import static dev.eoc.core.diagnostics.Numbers.n;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The scale axis: forward q_l and backward gradient norms grow or shrink by chi_1 per layer
 * (Schoenholz et al. 2017, eqs. 5 and 13: E|dL/dh^l|^2 ~ prod chi_1 towards the input).
 *
 * <ul>
 *   <li>{@link Verdict#VANISHING_SIGNAL} / {@link Verdict#EXPLODING_SIGNAL}: q_l falls below
 *       {@value #SIGNAL_RATIO} of q_1, or rises above 1 / {@value #SIGNAL_RATIO} of it, at some
 *       layer. Four orders of magnitude are far outside the finite-width scatter of q_L / q_1
 *       (log-normal, Var ln q_L ~ 5 L / N for ReLU nets, Hanin &amp; Nica 2019: a standard
 *       deviation of 1.8 at L = 200, N = 300, so 1e-4 is 5 of them) and are reached by ReLU with
 *       sigma_w = 1 (chi_1 = 1/2) within 14 layers, by sigma_w = 2 (chi_1 = 2) within 14 as well.
 *   <li>{@link Verdict#VANISHING_GRADIENTS}: |dL/dW_1| / |dL/dW_L| &lt; {@value
 *       #GRADIENT_VANISHING_RATIO} and |dL/dW_1| &lt; {@value #GRADIENT_VANISHING_NORM}; {@link
 *       Verdict#EXPLODING_GRADIENTS}: the ratio &gt; {@value #GRADIENT_EXPLODING_RATIO}. These are
 *       AUTOTRAINER's rules and defaults (Zhang et al., ICSE 2021, Table I and section V-D: beta_1
 *       = 1e-3, beta_2 = 1e-4, beta_3 = 70), on the per-example mean gradient.
 * </ul>
 *
 * The fix depends on the activation: for ReLU-like ones chi_1 = sigma_w^2 (1 + alpha^2) / 2, so the
 * cure is sigma_w^2 = 2 / (1 + alpha^2) (He et al. 2015); otherwise the Edge of Chaos. In a
 * residual network the stream grows by q_l = q_(l-1) + A^2 F(q_(l-1)) per block whatever the
 * branch's point (Yang &amp; Schoenholz 2017), so the cure for an exploding signal is a branch
 * scale A = 1/sqrt(blocks) (Hayou et al. 2021, "Stable ResNet").
 */
final class ScaleRules {

    /** q_l / q_1 below this (or above its inverse) is a vanishing (exploding) signal. */
    static final double SIGNAL_RATIO = 1e-4;

    /** AUTOTRAINER beta_1: first-to-last gradient norm ratio under which gradients vanish. */
    static final double GRADIENT_VANISHING_RATIO = 1e-3;

    /** AUTOTRAINER beta_2: and the first layer's gradient norm is under this. */
    static final double GRADIENT_VANISHING_NORM = 1e-4;

    /** AUTOTRAINER beta_3: first-to-last gradient norm ratio over which gradients explode. */
    static final double GRADIENT_EXPLODING_RATIO = 70;

    private ScaleRules() {}

    static void check(RuleInput in, List<Finding> out) {
        signal(in, out);
        gradients(in, out);
    }

    private static void signal(RuleInput in, List<Finding> out) {
        double[] q = in.snapshot().qEmpirical();
        double[] qt = in.snapshot().qTheory();
        int depth = in.snapshot().depth();
        if (depth < 2 || !(q[1] > 0)) {
            return;
        }
        for (int l = 2; l <= depth; l++) {
            double ratio = q[l] / q[1];
            boolean vanishing = ratio < SIGNAL_RATIO;
            if (vanishing || ratio > 1 / SIGNAL_RATIO) {
                double perLayer = perLayerFactor(q);
                String evidence =
                        String.format(
                                Locale.ROOT,
                                "signal %s: q_%d / q_1 = %s (q_1 = %s, q_%d = %s, theory %s),"
                                        + " a factor %s per layer (median measured; mean chi_1 ="
                                        + " %s)",
                                vanishing ? "vanishes" : "explodes",
                                l,
                                n(ratio),
                                n(q[1]),
                                l,
                                n(q[l]),
                                n(qt[l]),
                                n(perLayer),
                                n(in.meanChi1()));
                out.add(
                        new Finding(
                                vanishing ? Verdict.VANISHING_SIGNAL : Verdict.EXPLODING_SIGNAL,
                                Finding.Severity.WARNING,
                                l,
                                ratio,
                                qt[l] / qt[1],
                                evidence,
                                scaleFix(in, vanishing)));
                return;
            }
        }
    }

    private static void gradients(RuleInput in, List<Finding> out) {
        List<LayerStatistics> layers = in.snapshot().layers();
        int depth = layers.size();
        double first = layers.get(0).gradientNorm();
        double last = layers.get(depth - 1).gradientNorm();
        if (depth < 2 || !Double.isFinite(first) || !(last > 0) || Double.isInfinite(last)) {
            return; // not measured (NaN), non-finite (another rule), or no signal at the top
        }
        double ratio = first / last;
        boolean vanishing = ratio < GRADIENT_VANISHING_RATIO && first < GRADIENT_VANISHING_NORM;
        if (!vanishing && !(ratio > GRADIENT_EXPLODING_RATIO)) {
            return;
        }
        // a theory that stops at a BatchNorm predicts no gradient ratio (NaN, not an empty product)
        double theory =
                in.snapshot().theory().normalized()
                        ? Double.NaN
                        : Math.sqrt(chiProduct(in.snapshot().theory().chi1()));
        String evidence =
                String.format(
                        Locale.ROOT,
                        "gradients %s towards the input: |dL/dW_1| = %s, |dL/dW_%d| = %s, ratio %s"
                                + " (%s %s, AUTOTRAINER's threshold; theory sqrt(prod chi_1) ="
                                + " %s)",
                        vanishing ? "vanish" : "explode",
                        n(first),
                        depth,
                        n(last),
                        n(ratio),
                        vanishing ? "<" : ">",
                        n(vanishing ? GRADIENT_VANISHING_RATIO : GRADIENT_EXPLODING_RATIO),
                        n(theory));
        out.add(
                new Finding(
                        vanishing ? Verdict.VANISHING_GRADIENTS : Verdict.EXPLODING_GRADIENTS,
                        Finding.Severity.WARNING,
                        1,
                        ratio,
                        theory,
                        evidence,
                        scaleFix(in, vanishing)
                                + (vanishing
                                        ? ""
                                        : "; clip gradients or lower the learning rate"
                                                + " until then")));
    }

    private static String scaleFix(RuleInput in, boolean tooSmall) {
        String act = in.firstActivation();
        if (in.snapshot().theory().normalized() && !tooSmall) {
            return "BatchNorm makes gradients grow with depth at any initialization (Yang et al."
                    + " 2019, \"A mean field theory of batch normalization\"; measured 1.05-1.22 per"
                    + " layer for ELU, tanh and ReLU at the Edge of Chaos, docs/RESULTS.md): use"
                    + " fewer layers or no BatchNorm (the Edge of Chaos alone keeps the gradients"
                    + " within a small factor over 200 layers)";
        }
        if (in.residual()) {
            return tooSmall
                    ? "the residual stream should not shrink (each block adds alpha^2 q_branch to"
                            + " it): check that the branches' weights are initialized"
                            + " (EocInit.apply) and that no layer between the blocks scales the"
                            + " signal down"
                    : residualFix(in);
        }
        if (in.homogeneous()) {
            return String.format(
                    Locale.ROOT,
                    "%s sigma_w: for %s chi_1 = sigma_w^2 (1 + alpha^2) / 2 scales q and the"
                            + " gradients by that factor per layer; use sigma_w^2 = 2 / (1 +"
                            + " alpha^2) and sigma_b = 0 (He initialization, the Edge of Chaos of"
                            + " %s: ./eoc solve --activation %s --sigma-b 0)",
                    tooSmall ? "increase" : "decrease",
                    act,
                    act,
                    act);
        }
        return String.format(
                Locale.ROOT,
                "%s sigma_w to the Edge of Chaos (./eoc solve --activation %s --sigma-b SIGMA_B),"
                        + " i.e. initialize with the EOC initializer",
                tooSmall ? "increase" : "decrease",
                act);
    }

    /**
     * Scale the branches by A = 1/sqrt(L), L the probed layers (at least the number of blocks, so A
     * is at most the stable one), with the command that shows q_l for the branch's actual point.
     */
    private static String residualFix(RuleInput in) {
        List<LayerStatistics> layers = in.snapshot().layers();
        LayerStatistics branch = layers.get(Math.min(1, layers.size() - 1));
        int depth = layers.size();
        return String.format(
                Locale.ROOT,
                "scale the residual branches down: y + A branch(y) with A = 1/sqrt(blocks) keeps"
                        + " q_l bounded (Hayou et al. 2021, stable ResNet), e.g. A = %s for %d"
                        + " layers; see ./eoc propagate --activation %s --sigma-b %s --sigma-w %s"
                        + " --residual --branch-scale %s --depth %d",
                n(1 / Math.sqrt(depth)),
                depth,
                in.firstActivation(),
                n(Math.sqrt(branch.biasVariance())),
                n(Math.sqrt(branch.weightVariance())),
                n(1 / Math.sqrt(depth)),
                depth);
    }

    /** Median of q_{l+1} / q_l over the layers: the typical per-layer gain of the signal. */
    private static double perLayerFactor(double[] q) {
        List<Double> f = new ArrayList<>();
        for (int l = 1; l + 1 < q.length; l++) {
            f.add(q[l + 1] / q[l]);
        }
        return Numbers.median(f);
    }

    /** Product of the finite per-transition gains. */
    static double chiProduct(double[] chi) {
        double log = 0;
        for (double x : chi) {
            if (x > 0 && Double.isFinite(x)) {
                log += Math.log(x);
            }
        }
        return Math.exp(log);
    }
}
