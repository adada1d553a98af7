package dev.eoc.core.diagnostics;

/**
 * What a listener knows about training beyond one probe: whether the snapshot is of the network at
 * initialization (where the mean-field theory must hold within its finite-width band), the number
 * of classes K of a softmax classifier (0 when unknown; chance-level cross-entropy is ln K), and
 * the mean training loss of each report interval so far, oldest first, the current one last (empty
 * when the loss is not known; a NaN entry is a loss that was NaN).
 *
 * @param initialization true for the network before training has moved it
 * @param classes number of classes, 0 when unknown
 * @param intervalLosses mean loss per report interval, oldest first
 */
public record TrainingProgress(boolean initialization, int classes, double[] intervalLosses) {

    /** Nothing known: a single snapshot of a network in training. */
    public static final TrainingProgress UNKNOWN = new TrainingProgress(false, 0, new double[0]);

    /** A network at initialization, no loss seen. */
    public static final TrainingProgress INITIALIZATION =
            new TrainingProgress(true, 0, new double[0]);

    public TrainingProgress {
        if (classes < 0) {
            throw new IllegalArgumentException(
                    "classes must be >= 0 (0 = unknown), got " + classes);
        }
        intervalLosses = intervalLosses.clone();
    }

    @Override
    public double[] intervalLosses() {
        return intervalLosses.clone();
    }

    /** The current interval's mean loss, NaN when none. */
    public double latestLoss() {
        return intervalLosses.length == 0 ? Double.NaN : intervalLosses[intervalLosses.length - 1];
    }
}
