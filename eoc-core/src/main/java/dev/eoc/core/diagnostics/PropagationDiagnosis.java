package dev.eoc.core.diagnostics;

import java.util.List;
import java.util.Locale;

/**
 * Judges a {@link PropagationSnapshot}: is the network ordered, chaotic, producing NaN/Inf, or
 * fine, and what should the user do about it.
 *
 * <p>The judgement combines the theory's per-transition gain chi_1 = sigma_w^2 E[phi'(sqrt(q_l)
 * Z)^2] of the actual weights (Schoenholz et al. 2017, eq. 5) with the measured correlations:
 *
 * <ul>
 *   <li>{@link Verdict#NON_FINITE}: a measured q_l, c_l, weight or bias variance is NaN or
 *       infinite, or a gradient held NaN/Inf;
 *   <li>{@link Verdict#ORDERED}: the geometric mean of chi_1 is below 1 - {@value #CHI_MARGIN} and
 *       1 - c_L has shrunk below {@value #ORDERED_SHRINK} of 1 - c_0: correlations collapse to 1
 *       (the inputs become indistinguishable, gradients vanish);
 *   <li>{@link Verdict#CHAOTIC}: the geometric mean of chi_1 is above 1 + {@value #CHI_MARGIN} and
 *       c_L is at least {@value #CHAOTIC_DROP} below c_0: nearby inputs decorrelate towards a c*
 *       well below the inputs' correlation (gradients explode);
 *   <li>{@link Verdict#CHAOTIC} also, whatever the correlations, when training has blown the
 *       weights far off the Edge of Chaos: mean chi_1 above {@value #RUNAWAY_CHI} or a measured
 *       variance q_l above {@value #RUNAWAY_VARIANCE} (saturated units can keep c_L high while the
 *       network no longer learns; seen with a learning rate of 1e4);
 *   <li>{@link Verdict#HEALTHY} otherwise.
 * </ul>
 *
 * <p>The margin {@value #CHI_MARGIN} is far above the finite-width scatter of chi_1 at
 * initialization (fan_in Var(W) has relative standard error sqrt(2 / n), 0.14% for a 1000 x 1000
 * layer) and far below the distance of typical mis-initializations (e.g. tanh at (sigma_b, sigma_w)
 * = (1, 1): chi_1 ~ 0.4), so an Edge-of-Chaos network is never flagged.
 */
public final class PropagationDiagnosis {

    /** Relative distance of the mean chi_1 from 1 that counts as off the Edge of Chaos. */
    public static final double CHI_MARGIN = 0.05;

    /** Ordered when 1 - c_L &lt; ORDERED_SHRINK (1 - c_0). */
    public static final double ORDERED_SHRINK = 0.5;

    /** Chaotic when c_L &lt; c_0 - CHAOTIC_DROP. */
    public static final double CHAOTIC_DROP = 0.1;

    /** Mean chi_1 this far above 1 means the weights have run away, whatever c_L shows. */
    public static final double RUNAWAY_CHI = 2.0;

    /** Pre-activation variance that no sane initialization or training state produces. */
    public static final double RUNAWAY_VARIANCE = 1e6;

    private PropagationDiagnosis() {}

    /** The verdict of one report. */
    public enum Verdict {
        HEALTHY,
        ORDERED,
        CHAOTIC,
        NON_FINITE;

        /** Lower-case id for CSV, JSON and log lines. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A verdict, the geometric-mean chi_1 it rests on (NaN when unknown), and a message that says
     * what was seen and what to do (empty when healthy).
     */
    public record Diagnosis(Verdict verdict, double meanChi1, String message) {
        public Diagnosis {
            if (verdict == null || message == null) {
                throw new IllegalArgumentException("verdict and message must not be null");
            }
        }

        /** True for ORDERED, CHAOTIC and NON_FINITE. */
        public boolean isWarning() {
            return verdict != Verdict.HEALTHY;
        }
    }

    /** Diagnoses a snapshot. */
    public static Diagnosis of(PropagationSnapshot s) {
        List<LayerStatistics> layers = s.layers();
        for (LayerStatistics l : layers) {
            if (!l.finite()) {
                return new Diagnosis(
                        Verdict.NON_FINITE,
                        Double.NaN,
                        String.format(
                                Locale.ROOT,
                                "NaN/Inf at layer %d (q = %s, sigma_w^2 = %s, gradient norm = %s):"
                                        + " training has diverged or the input holds NaN; lower"
                                        + " the learning rate, clip gradients, check the input"
                                        + " data, and restart from an Edge-of-Chaos"
                                        + " initialization",
                                l.layer(),
                                ReportFormatter.number(l.qEmpirical()),
                                ReportFormatter.number(l.weightVariance()),
                                ReportFormatter.number(l.gradientNorm())));
            }
        }
        double meanChi = geometricMeanChi(s.theory().chi1());
        double c0 = s.inputCorrelation();
        double cL = layers.get(layers.size() - 1).cEmpirical();
        String first = layers.get(0).activation();
        if (meanChi < 1 - CHI_MARGIN && 1 - cL < ORDERED_SHRINK * (1 - c0)) {
            return new Diagnosis(
                    Verdict.ORDERED,
                    meanChi,
                    String.format(
                            Locale.ROOT,
                            "ordered phase: mean chi_1 = %s < 1 and the correlation of input pairs"
                                    + " rises from %s to %s by layer %d, so deep layers cannot tell"
                                    + " inputs apart and gradients vanish; increase sigma_w to the"
                                    + " Edge of Chaos (./eoc solve --activation %s --sigma-b"
                                    + " SIGMA_B), i.e. initialize with the EOC initializer, or use"
                                    + " fewer layers (correlation depth scale ~ %s layers)",
                            ReportFormatter.number(meanChi),
                            ReportFormatter.number(c0),
                            ReportFormatter.number(cL),
                            layers.size(),
                            first,
                            ReportFormatter.number(-1 / Math.log(meanChi))));
        }
        if (meanChi > 1 + CHI_MARGIN && cL < c0 - CHAOTIC_DROP) {
            return new Diagnosis(
                    Verdict.CHAOTIC,
                    meanChi,
                    String.format(
                            Locale.ROOT,
                            "chaotic phase: mean chi_1 = %s > 1 and the correlation of input pairs"
                                    + " falls from %s to %s by layer %d, so similar inputs are"
                                    + " scrambled and gradients explode; decrease sigma_w to the"
                                    + " Edge of Chaos (./eoc solve --activation %s --sigma-b"
                                    + " SIGMA_B) and/or lower the learning rate",
                            ReportFormatter.number(meanChi),
                            ReportFormatter.number(c0),
                            ReportFormatter.number(cL),
                            layers.size(),
                            first));
        }
        double maxQ = 0;
        for (LayerStatistics l : layers) {
            maxQ = Math.max(maxQ, l.qEmpirical());
        }
        if (meanChi > RUNAWAY_CHI || maxQ > RUNAWAY_VARIANCE) {
            return new Diagnosis(
                    Verdict.CHAOTIC,
                    meanChi,
                    String.format(
                            Locale.ROOT,
                            "weights far off the Edge of Chaos: mean chi_1 = %s, largest"
                                    + " pre-activation variance %s; units saturate and gradients"
                                    + " explode or vanish; training is diverging: lower the learning"
                                    + " rate, clip gradients, and restart from an Edge-of-Chaos"
                                    + " initialization",
                            ReportFormatter.number(meanChi),
                            ReportFormatter.number(maxQ)));
        }
        return new Diagnosis(Verdict.HEALTHY, meanChi, "");
    }

    /** exp(mean ln chi) over the finite, positive per-transition gains; NaN when there are none. */
    static double geometricMeanChi(double[] chi) {
        double sum = 0;
        int n = 0;
        for (double x : chi) {
            if (x > 0 && Double.isFinite(x)) {
                sum += Math.log(x);
                n++;
            }
        }
        return n == 0 ? Double.NaN : Math.exp(sum / n);
    }
}
