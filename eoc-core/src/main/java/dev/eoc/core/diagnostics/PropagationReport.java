package dev.eoc.core.diagnostics;

/**
 * A snapshot with its diagnosis: what a monitoring listener keeps in its history.
 *
 * @param snapshot the measured and predicted per-layer values
 * @param diagnosis the verdict on them ({@link PropagationDiagnosis})
 * @param progress what was known of training when it was judged (loss history, classes)
 */
public record PropagationReport(
        PropagationSnapshot snapshot,
        PropagationDiagnosis.Diagnosis diagnosis,
        TrainingProgress progress) {

    public PropagationReport {
        if (snapshot == null || diagnosis == null || progress == null) {
            throw new IllegalArgumentException("snapshot, diagnosis and progress must not be null");
        }
    }

    /** A report judged without knowledge of training. */
    public PropagationReport(
            PropagationSnapshot snapshot, PropagationDiagnosis.Diagnosis diagnosis) {
        this(snapshot, diagnosis, TrainingProgress.UNKNOWN);
    }

    /** Diagnoses the snapshot with nothing known about training. */
    public static PropagationReport of(PropagationSnapshot snapshot) {
        return new PropagationReport(snapshot, PropagationDiagnosis.of(snapshot));
    }

    /** Diagnoses the snapshot in the context of the training so far. */
    public static PropagationReport of(PropagationSnapshot snapshot, TrainingProgress progress) {
        return new PropagationReport(
                snapshot, PropagationDiagnosis.of(snapshot, progress), progress);
    }

    /** The one-line summary of {@link ReportFormatter}, with the interval's loss when known. */
    public String line() {
        return ReportFormatter.format(snapshot, diagnosis, progress);
    }
}
