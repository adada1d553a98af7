package dev.eoc.core.diagnostics;

import static dev.eoc.core.diagnostics.Numbers.n;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.List;
import java.util.Locale;

/**
 * What the training loss says, from the mean loss of each report interval ({@link
 * TrainingProgress}).
 *
 * <ul>
 *   <li>{@link Verdict#NON_FINITE} (critical): the latest mean loss is NaN or infinite;
 *   <li>{@link Verdict#LOSS_DIVERGING} (critical): the latest mean loss is at least {@value
 *       #LOSS_EXPLODED} (AUTOTRAINER treats a loss of 1e3 like NaN: Zhang et al., ICSE 2021,
 *       monitor.py) or more than {@value #RISE_FACTOR} times the lowest earlier interval's, after
 *       at least {@value #RISE_HISTORY} earlier intervals (interval means of 100 batches move by a
 *       few percent in healthy SGD; a 50% rise is divergence);
 *   <li>{@link Verdict#LOSS_STALLED}: with K classes known, the last {@value #STALL_INTERVALS}
 *       interval means (DeepDiagnosis' window N = 5 for "loss not decreasing", Wardat et al., ICSE
 *       2022) all lie within {@value #STALL_BAND} ln K of the chance level ln K and their
 *       least-squares trend moves them by less than {@value #STALL_PROGRESS} ln K over the window:
 *       the network outputs the class frequencies and learns nothing. The band and the trend (not
 *       the range) allow for the batch-to-batch scatter of a chance-level loss (about 0.02 for
 *       interval means over 320 MNIST images, measured in the fault-injection matrix), while a slow
 *       but healthy network near chance (ReLU on the EOC, early) still moves by more.
 * </ul>
 */
final class LossRules {

    /** A mean loss from which training has diverged (AUTOTRAINER's nan_loss bound). */
    static final double LOSS_EXPLODED = 1e3;

    /** Latest interval mean over the lowest earlier one that counts as rising. */
    static final double RISE_FACTOR = 1.5;

    /** Earlier intervals needed before a rise is judged. */
    static final int RISE_HISTORY = 2;

    /** Intervals in the stall window. */
    static final int STALL_INTERVALS = 5;

    /** Distance from ln K, relative to ln K, that counts as chance level. */
    static final double STALL_BAND = 0.03;

    /** Trend over the window, relative to ln K, below which the loss is not decreasing. */
    static final double STALL_PROGRESS = 0.01;

    private LossRules() {}

    static void check(RuleInput in, List<Finding> out) {
        double[] losses = in.progress().intervalLosses();
        if (losses.length == 0) {
            return;
        }
        double latest = losses[losses.length - 1];
        if (!Double.isFinite(latest)) {
            out.add(
                    new Finding(
                            Verdict.NON_FINITE,
                            Finding.Severity.CRITICAL,
                            0,
                            latest,
                            Double.NaN,
                            "the training loss is " + n(latest),
                            "training has diverged or the input or labels hold NaN: lower the"
                                    + " learning rate, clip gradients, check the data, and restart"
                                    + " from the last finite checkpoint"));
            return;
        }
        double lowest = Double.POSITIVE_INFINITY;
        for (int i = 0; i < losses.length - 1; i++) {
            if (Double.isFinite(losses[i])) {
                lowest = Math.min(lowest, losses[i]);
            }
        }
        if (latest >= LOSS_EXPLODED
                || losses.length - 1 >= RISE_HISTORY && latest > RISE_FACTOR * lowest) {
            out.add(
                    new Finding(
                            Verdict.LOSS_DIVERGING,
                            Finding.Severity.CRITICAL,
                            0,
                            latest,
                            lowest,
                            String.format(
                                    Locale.ROOT,
                                    "the training loss is rising: mean %s over the last interval"
                                            + " vs %s at its lowest",
                                    n(latest),
                                    n(lowest)),
                            "lower the learning rate (by 10x), clip gradients, and restart from"
                                    + " the last good checkpoint"));
            return;
        }
        stall(in, losses, out);
    }

    private static void stall(RuleInput in, double[] losses, List<Finding> out) {
        int k = in.progress().classes();
        if (k < 2 || losses.length < STALL_INTERVALS) {
            return;
        }
        double chance = Math.log(k);
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        int start = losses.length - STALL_INTERVALS;
        double meanX = (STALL_INTERVALS - 1) / 2.0;
        double meanY = 0;
        for (int i = start; i < losses.length; i++) {
            double x = losses[i];
            if (!(Math.abs(x - chance) < STALL_BAND * chance)) {
                return;
            }
            lo = Math.min(lo, x);
            hi = Math.max(hi, x);
            meanY += x / STALL_INTERVALS;
        }
        double sxy = 0;
        double sxx = 0;
        for (int i = 0; i < STALL_INTERVALS; i++) {
            sxy += (i - meanX) * (losses[start + i] - meanY);
            sxx += (i - meanX) * (i - meanX);
        }
        double trend = sxy / sxx * (STALL_INTERVALS - 1);
        if (!(Math.abs(trend) < STALL_PROGRESS * chance)) {
            return;
        }
        out.add(
                new Finding(
                        Verdict.LOSS_STALLED,
                        Finding.Severity.WARNING,
                        0,
                        losses[losses.length - 1],
                        chance,
                        String.format(
                                Locale.ROOT,
                                "the loss has stayed at chance level for %d reports: %s..%s vs"
                                        + " ln %d = %s, the loss of a uniform guess",
                                STALL_INTERVALS,
                                n(lo),
                                n(hi),
                                k,
                                n(chance)),
                        "the signal does not reach the output or the gradients do not reach the"
                                + " input (see the other findings; an ordered or collapsed net"
                                + " stays here), or the learning rate is too small"));
    }
}
