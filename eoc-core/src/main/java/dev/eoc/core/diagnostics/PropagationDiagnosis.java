package dev.eoc.core.diagnostics;

import static dev.eoc.core.diagnostics.Numbers.n;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Judges a {@link PropagationSnapshot}: names every way the network is failing, ordered by
 * severity, each with its evidence and one fix; "healthy" only when no rule fires.
 *
 * <p>The rules follow what the mean-field theory separates, then the training-time symptoms that
 * debugging tools detect (each rule class cites its source and gives its thresholds):
 *
 * <ol>
 *   <li>non-finite values: a measured q_l, c_l, weight or bias variance NaN or infinite, a gradient
 *       holding NaN/Inf ({@link Verdict#NON_FINITE}, critical), or a NaN loss ({@link LossRules});
 *   <li>the loss ({@link LossRules}): diverging (critical) or stalled at chance level ln K;
 *   <li>the scale axis ({@link ScaleRules}): q_l and the gradient norms vanishing or exploding
 *       layer by layer, by chi_1 per layer;
 *   <li>the correlation axis ({@link CorrelationRules}): ordered and chaotic phases (not for
 *       positively homogeneous activations, whose correlation map does not depend on sigma_w),
 *       representation collapse at any chi_1, and drift from the theory beyond its finite-width
 *       band;
 *   <li>units ({@link UnitRules}): dead rectifier units and saturated bounded units.
 * </ol>
 *
 * <p>The diagnosis's {@link Diagnosis#verdict()} is the most severe finding's symptom ({@link
 * Verdict#HEALTHY} when there is none or only notices), its message that finding's evidence and fix
 * followed by the other symptoms' names.
 */
public final class PropagationDiagnosis {

    /** Relative distance of the mean chi_1 from 1 that counts as off the Edge of Chaos. */
    public static final double CHI_MARGIN = CorrelationRules.CHI_MARGIN;

    private PropagationDiagnosis() {}

    /**
     * What a report can find. Within one severity the order puts causes before their symptoms: a
     * phase of the theory (ordered, chaotic) before the vanishing or exploding signal and gradients
     * it produces, those before a collapse, unit and loss symptoms after.
     */
    public enum Verdict {
        NON_FINITE,
        LOSS_DIVERGING,
        ORDERED,
        CHAOTIC,
        VANISHING_SIGNAL,
        EXPLODING_SIGNAL,
        VANISHING_GRADIENTS,
        EXPLODING_GRADIENTS,
        COLLAPSED,
        DEAD_UNITS,
        SATURATED,
        LOSS_STALLED,
        THEORY_DRIFT,
        HEALTHY;

        /** Lower-case id for CSV, JSON and log lines. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A verdict, the geometric-mean chi_1 it rests on (NaN when unknown), a message that says what
     * was seen and what to do (empty when healthy), and every finding, most severe first.
     */
    public record Diagnosis(
            Verdict verdict, double meanChi1, String message, List<Finding> findings) {
        public Diagnosis {
            if (verdict == null || message == null || findings == null) {
                throw new IllegalArgumentException("verdict, message and findings must be given");
            }
            findings = List.copyOf(findings);
        }

        /** A diagnosis without findings. */
        public Diagnosis(Verdict verdict, double meanChi1, String message) {
            this(verdict, meanChi1, message, List.of());
        }

        /** True when some finding is critical or a warning. */
        public boolean isWarning() {
            return verdict != Verdict.HEALTHY;
        }

        /** The findings' symptoms, most severe first. */
        public List<Verdict> symptoms() {
            return findings.stream().map(Finding::symptom).toList();
        }

        /** True when some finding names this symptom. */
        public boolean has(Verdict symptom) {
            return symptoms().contains(symptom);
        }
    }

    /** Diagnoses a snapshot with nothing known about training (not at initialization, no loss). */
    public static Diagnosis of(PropagationSnapshot s) {
        return of(s, TrainingProgress.UNKNOWN);
    }

    /** Diagnoses a snapshot in the context of the training so far. */
    public static Diagnosis of(PropagationSnapshot s, TrainingProgress progress) {
        RuleInput in = RuleInput.of(s, progress);
        List<Finding> findings = new ArrayList<>();
        LossRules.check(in, findings);
        Finding nonFinite = nonFinite(s);
        if (nonFinite != null) {
            findings.add(nonFinite);
        } else {
            ScaleRules.check(in, findings);
            CorrelationRules.check(in, findings);
            UnitRules.check(in, findings);
        }
        findings.sort(Comparator.comparing(Finding::severity).thenComparing(Finding::symptom));
        List<Finding> alarms =
                findings.stream().filter(f -> f.severity() != Finding.Severity.NOTICE).toList();
        if (alarms.isEmpty()) {
            return new Diagnosis(Verdict.HEALTHY, in.meanChi1(), "", findings);
        }
        Finding top = alarms.get(0);
        String others =
                findings.stream()
                        .skip(1)
                        .map(f -> f.symptom().id())
                        .distinct()
                        .collect(Collectors.joining(", "));
        String message = top.message() + (others.isEmpty() ? "" : " (also: " + others + ")");
        return new Diagnosis(top.symptom(), in.meanChi1(), message, findings);
    }

    private static Finding nonFinite(PropagationSnapshot s) {
        for (LayerStatistics l : s.layers()) {
            if (!l.finite()) {
                return new Finding(
                        Verdict.NON_FINITE,
                        Finding.Severity.CRITICAL,
                        l.layer(),
                        l.qEmpirical(),
                        Double.NaN,
                        String.format(
                                Locale.ROOT,
                                "NaN/Inf at layer %d (q = %s, sigma_w^2 = %s, gradient norm = %s)",
                                l.layer(),
                                n(l.qEmpirical()),
                                n(l.weightVariance()),
                                n(l.gradientNorm())),
                        "training has diverged or the input holds NaN; lower the learning rate,"
                                + " clip gradients, check the input data, and restart from an"
                                + " Edge-of-Chaos initialization");
            }
        }
        return null;
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
