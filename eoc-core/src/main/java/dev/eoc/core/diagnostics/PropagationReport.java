package dev.eoc.core.diagnostics;

/**
 * A snapshot with its diagnosis: what a monitoring listener keeps in its history.
 *
 * @param snapshot the measured and predicted per-layer values
 * @param diagnosis the verdict on them ({@link PropagationDiagnosis})
 */
public record PropagationReport(
        PropagationSnapshot snapshot, PropagationDiagnosis.Diagnosis diagnosis) {

    public PropagationReport {
        if (snapshot == null || diagnosis == null) {
            throw new IllegalArgumentException("snapshot and diagnosis must not be null");
        }
    }

    /** Diagnoses the snapshot with nothing known about training. */
    public static PropagationReport of(PropagationSnapshot snapshot) {
        return new PropagationReport(snapshot, PropagationDiagnosis.of(snapshot));
    }

    /** Diagnoses the snapshot in the context of the training so far. */
    public static PropagationReport of(PropagationSnapshot snapshot, TrainingProgress progress) {
        return new PropagationReport(snapshot, PropagationDiagnosis.of(snapshot, progress));
    }

    /** The one-line summary of {@link ReportFormatter}. */
    public String line() {
        return ReportFormatter.format(snapshot, diagnosis);
    }
}
