package dev.eoc.core.diagnostics;

import static dev.eoc.core.diagnostics.Numbers.n;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * The correlation axis and the match with the theory.
 *
 * <ul>
 *   <li>{@link Verdict#ORDERED}: mean chi_1 &lt; 1 - {@value #CHI_MARGIN}, or chi_1 &lt; 1 and the
 *       depth L past the trainable depth {@value #TRAINABLE_DEPTH_FACTOR} xi_c, and 1 - c_L has
 *       shrunk below {@value #ORDERED_SHRINK} of 1 - c_0: correlations converge to 1 exponentially,
 *       with depth scale xi_c = -1 / ln chi_1 (Schoenholz et al. 2017, eq. 9 and section 3; their
 *       Fig. 6 shows networks training up to about 6 xi_c);
 *   <li>{@link Verdict#CHAOTIC}: mean chi_1 &gt; 1 + {@value #CHI_MARGIN} and c_L at least {@value
 *       #CHAOTIC_DROP} below c_0 (nearby inputs decorrelate towards c* &lt; 1), measured and, where
 *       there is a theory, predicted for the same weights: a trained network whose last layers
 *       separate the probe inputs while the map of its weights keeps them correlated has learned
 *       the decorrelation, which is no phase (seen in a 4-convolution MNIST CNN after 40 steps at
 *       lr 0.01: chi_1 1.4, c_L 0.18 measured, 0.73 predicted, input gradients 10x smaller than the
 *       output's, which a chaotic map would reverse); or, whatever the correlations, mean chi_1
 *       &gt; {@value #RUNAWAY_CHI} or some q_l &gt; {@value #RUNAWAY_VARIANCE} (weights blown far
 *       off the Edge of Chaos; saturated units can keep c_L high; seen with a learning rate of
 *       1e4). Neither rule applies to positively homogeneous activations (ReLU, leaky ReLU,
 *       linear), whose correlation map does not depend on sigma_w: for them chi_1 != 1 is a scale
 *       fault ({@link ScaleRules}). Nor to residual networks: their c_l converges to 1 polynomially
 *       at every initialization and q_l grows without a fixed point (Yang &amp; Schoenholz 2017,
 *       "Mean field residual networks: on the edge of chaos"; Hayou et al. 2019, Prop. 1), so chi_1
 *       of a branch names no phase; their faults show on the scale axis and as collapse or drift;
 *   <li>{@link Verdict#COLLAPSED}: representation collapse at any chi_1: 1 - c_L &lt; {@value
 *       #COLLAPSE_RESIDUAL} (1 - c_0) while the theory for the same weights keeps at least {@value
 *       #COLLAPSE_FACTOR} times more (or has no prediction), for inputs that differ (1 - c_0 &gt;
 *       {@value #DISTINCT_INPUTS}). Every probe input then has the same last-layer representation;
 *       seen in DJL's default initialization of a depth-150 tanh net after 100 SGD steps (c_L = 1,
 *       theory 0.0007);
 *   <li>{@link Verdict#THEORY_DRIFT}: at least {@value #DRIFT_MIN_LAYERS} layers whose mean
 *       deviation from the theory exceeds the finite-width band ({@link FiniteWidthBand}). A
 *       warning at initialization, where the theory must hold (a mismatch there means the network
 *       does not compute what eoc assumes); a notice later, since trained weights are no longer
 *       independent Gaussians and leave the theory by design.
 * </ul>
 *
 * <p>The margin {@value #CHI_MARGIN} is far above the finite-width scatter of chi_1 at
 * initialization (fan_in Var(W) has relative standard error sqrt(2 / n), 0.14% for a 1000 x 1000
 * layer) and far below the distance of typical mis-initializations (e.g. tanh at (sigma_b, sigma_w)
 * = (1, 1): chi_1 ~ 0.4), so an Edge-of-Chaos network is never flagged.
 */
final class CorrelationRules {

    /** Relative distance of the mean chi_1 from 1 that counts as off the Edge of Chaos. */
    static final double CHI_MARGIN = 0.05;

    /**
     * Depth in units of xi_c up to which a network off the EOC still trains (Schoenholz et al.
     * 2017, section 5: trainable up to about 6 xi_c); an EOC net at width 300 has mean chi_1 within
     * 0.5% of 1, i.e. xi_c &gt; 200 and a bound past 1200 layers.
     */
    static final double TRAINABLE_DEPTH_FACTOR = 6;

    /** Ordered when 1 - c_L &lt; ORDERED_SHRINK (1 - c_0). */
    static final double ORDERED_SHRINK = 0.5;

    /** Chaotic when c_L &lt; c_0 - CHAOTIC_DROP. */
    static final double CHAOTIC_DROP = 0.1;

    /** Mean chi_1 this far above 1 means the weights have run away, whatever c_L shows. */
    static final double RUNAWAY_CHI = 2.0;

    /** Pre-activation variance that no sane initialization or training state produces. */
    static final double RUNAWAY_VARIANCE = 1e6;

    /**
     * Collapsed when 1 - c_L is below this share of 1 - c_0: four orders of magnitude. A healthy
     * depth-200 ReLU net on the EOC keeps 1 - c_L ~ 9 pi^2 / (2 L^2) ~ 1.1e-3 whatever c_0 (Hayou
     * et al. 2019, Prop. 1), 2e-3 of 1 - c_0 = 0.5, and a depth-60 width-64 one fluctuated down to
     * 5e-4 (1.3e-3 of 1 - c_0) in the fault-injection matrix; a collapsed net sits at float
     * rounding, 1 - c_L ~ 1e-7.
     */
    static final double COLLAPSE_RESIDUAL = 1e-4;

    /** ... and the theory keeps this many times more 1 - c_L: the collapse is not predicted. */
    static final double COLLAPSE_FACTOR = 100;

    /** Inputs closer than this in 1 - c_0 are nearly the same input: nothing can collapse. */
    static final double DISTINCT_INPUTS = 1e-3;

    /** Layers outside the band before a drift is reported (one can leave it by chance). */
    static final int DRIFT_MIN_LAYERS = 2;

    private CorrelationRules() {}

    static void check(RuleInput in, List<Finding> out) {
        if (!in.homogeneous() && !in.residual()) {
            phase(in, out);
        }
        collapse(in, out);
        drift(in, out);
    }

    private static void phase(RuleInput in, List<Finding> out) {
        PropagationSnapshot s = in.snapshot();
        double meanChi = in.meanChi1();
        double c0 = s.inputCorrelation();
        double cL = s.layers().get(s.depth() - 1).cEmpirical();
        String act = in.firstActivation();
        double depthScale = -1 / Math.log(meanChi);
        boolean pastTrainableDepth = meanChi < 1 && s.depth() > TRAINABLE_DEPTH_FACTOR * depthScale;
        if ((meanChi < 1 - CHI_MARGIN || pastTrainableDepth)
                && 1 - cL < ORDERED_SHRINK * (1 - c0)) {
            out.add(
                    new Finding(
                            Verdict.ORDERED,
                            Finding.Severity.WARNING,
                            s.depth(),
                            cL,
                            c0,
                            String.format(
                                    Locale.ROOT,
                                    "ordered phase: mean chi_1 = %s < 1 and the correlation of"
                                            + " input pairs rises from %s to %s by layer %d, so"
                                            + " deep layers cannot tell inputs apart and"
                                            + " gradients vanish (correlation depth scale ~ %s"
                                            + " layers, trainable to ~%s)",
                                    n(meanChi),
                                    n(c0),
                                    n(cL),
                                    s.depth(),
                                    n(depthScale),
                                    n(TRAINABLE_DEPTH_FACTOR * depthScale)),
                            String.format(
                                    Locale.ROOT,
                                    "increase sigma_w to the Edge of Chaos (./eoc solve"
                                            + " --activation %s --sigma-b SIGMA_B), i.e."
                                            + " initialize with the EOC initializer, or use fewer"
                                            + " layers",
                                    act)));
            return;
        }
        double cLTheory = s.cTheory()[s.depth()];
        boolean mapDecorrelates = Double.isNaN(cLTheory) || cLTheory < c0 - CHAOTIC_DROP;
        if (meanChi > 1 + CHI_MARGIN && cL < c0 - CHAOTIC_DROP && mapDecorrelates) {
            out.add(
                    new Finding(
                            Verdict.CHAOTIC,
                            Finding.Severity.WARNING,
                            s.depth(),
                            cL,
                            c0,
                            String.format(
                                    Locale.ROOT,
                                    "chaotic phase: mean chi_1 = %s > 1 and the correlation of"
                                            + " input pairs falls from %s to %s by layer %d, so"
                                            + " similar inputs are scrambled and gradients"
                                            + " explode",
                                    n(meanChi),
                                    n(c0),
                                    n(cL),
                                    s.depth()),
                            String.format(
                                    Locale.ROOT,
                                    "decrease sigma_w to the Edge of Chaos (./eoc solve"
                                            + " --activation %s --sigma-b SIGMA_B) and/or lower"
                                            + " the learning rate",
                                    act)));
            return;
        }
        double maxQ = 0;
        for (LayerStatistics l : s.layers()) {
            maxQ = Math.max(maxQ, l.qEmpirical());
        }
        if (meanChi > RUNAWAY_CHI || maxQ > RUNAWAY_VARIANCE) {
            out.add(
                    new Finding(
                            Verdict.CHAOTIC,
                            Finding.Severity.WARNING,
                            0,
                            meanChi,
                            1,
                            String.format(
                                    Locale.ROOT,
                                    "weights far off the Edge of Chaos: mean chi_1 = %s, largest"
                                            + " pre-activation variance %s; units saturate and"
                                            + " gradients explode or vanish",
                                    n(meanChi),
                                    n(maxQ)),
                            "training is diverging: lower the learning rate, clip gradients, and"
                                    + " restart from an Edge-of-Chaos initialization"));
        }
    }

    private static void collapse(RuleInput in, List<Finding> out) {
        PropagationSnapshot s = in.snapshot();
        double c0 = s.inputCorrelation();
        int depth = s.depth();
        double cL = s.layers().get(depth - 1).cEmpirical();
        double cTheory = s.cTheory()[depth];
        double residual = 1 - cL;
        double theoryResidual = 1 - cTheory;
        if (!(1 - c0 > DISTINCT_INPUTS) || !(residual < COLLAPSE_RESIDUAL * (1 - c0))) {
            return;
        }
        if (!Double.isNaN(theoryResidual) && !(theoryResidual >= COLLAPSE_FACTOR * residual)) {
            return; // the theory predicts it: the ordered rule speaks
        }
        out.add(
                new Finding(
                        Verdict.COLLAPSED,
                        Finding.Severity.WARNING,
                        depth,
                        cL,
                        cTheory,
                        String.format(
                                Locale.ROOT,
                                "representation collapse: every probe pair has the same"
                                        + " representation at layer %d (c_L = %s, 1 - c_L = %s"
                                        + " < %s (1 - c_0), c_0 = %s; theory for these weights"
                                        + " c_L = %s): the output no longer depends on the"
                                        + " input",
                                depth,
                                n(cL),
                                n(residual),
                                n(COLLAPSE_RESIDUAL),
                                n(c0),
                                n(cTheory)),
                        "restart from an Edge-of-Chaos initialization with a lower learning rate;"
                                + " if it appears during training, the updates pushed the net"
                                + " off the EOC (see the scale and unit findings)"));
    }

    private static void drift(RuleInput in, List<Finding> out) {
        PropagationSnapshot s = in.snapshot();
        FiniteWidthBand band = FiniteWidthBand.of(s);
        int worst = band.worstLayer();
        int outside = band.layersOutside();
        if (worst < 0 || outside < Math.min(DRIFT_MIN_LAYERS, s.depth())) {
            return;
        }
        double d = band.deviation()[worst];
        double w = band.halfWidth()[worst];
        boolean init = in.progress().initialization();
        out.add(
                new Finding(
                        Verdict.THEORY_DRIFT,
                        init ? Finding.Severity.WARNING : Finding.Severity.NOTICE,
                        worst,
                        s.cEmpirical()[worst],
                        s.cTheory()[worst],
                        String.format(
                                Locale.ROOT,
                                "measured correlations leave the theory's finite-width band in %d"
                                        + " of %d layers; worst at layer %d: c = %s vs theory %s"
                                        + " (mean deviation %s, band +-%s)",
                                outside,
                                s.depth(),
                                worst,
                                n(s.cEmpirical()[worst]),
                                n(s.cTheory()[worst]),
                                n(d),
                                n(w)),
                        init
                                ? "the network does not compute what the theory assumes: check"
                                        + " the activation after each layer (a layer without an"
                                        + " activation of its own, dropout or normalization that"
                                        + " eoc does not model) and that the weights are"
                                        + " independent random draws"
                                : "expected once training has moved the weights (they are no"
                                        + " longer independent Gaussians); act only if the loss"
                                        + " stops improving"));
    }
}
