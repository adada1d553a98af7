package dev.eoc.core.diagnostics;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a monitoring listener keeps between reports, the same for every framework: the mean training
 * loss of the current report interval, the reports so far, and which symptoms the previous report
 * named, so that each symptom is announced once when it appears ({@link #newFindings()}). The first
 * report is judged as the network at initialization ({@link TrainingProgress#initialization()}).
 * Thread-safe: training threads record, others read.
 */
public final class ReportHistory {

    private final List<PropagationReport> reports = new ArrayList<>();
    private final List<Double> intervalLosses = new ArrayList<>();
    private double lossSum;
    private int lossCount;
    private Set<PropagationDiagnosis.Verdict> lastSymptoms =
            EnumSet.noneOf(PropagationDiagnosis.Verdict.class);
    private List<Finding> newFindings = List.of();

    /** Adds one batch's mean loss to the current interval. */
    public synchronized void recordLoss(double loss) {
        lossSum += loss;
        lossCount++;
    }

    /**
     * Closes the current loss interval, diagnoses the snapshot in the context of the training so
     * far and keeps the report.
     *
     * @param classes number of classes of a softmax classifier, 0 when unknown
     */
    public synchronized PropagationReport judge(PropagationSnapshot snapshot, int classes) {
        if (lossCount > 0) {
            intervalLosses.add(lossSum / lossCount);
        }
        lossSum = 0;
        lossCount = 0;
        TrainingProgress progress =
                new TrainingProgress(
                        reports.isEmpty(),
                        classes,
                        intervalLosses.stream().mapToDouble(Double::doubleValue).toArray());
        PropagationReport report = PropagationReport.of(snapshot, progress);
        reports.add(report);
        Set<PropagationDiagnosis.Verdict> now = EnumSet.noneOf(PropagationDiagnosis.Verdict.class);
        List<Finding> fresh = new ArrayList<>();
        for (Finding f : report.diagnosis().findings()) {
            now.add(f.symptom());
            if (!lastSymptoms.contains(f.symptom())) {
                fresh.add(f);
            }
        }
        lastSymptoms = now;
        newFindings = List.copyOf(fresh);
        return report;
    }

    /** The latest report's findings whose symptom the report before did not name. */
    public synchronized List<Finding> newFindings() {
        return newFindings;
    }

    /** Every report so far, oldest first (a copy). */
    public synchronized List<PropagationReport> reports() {
        return List.copyOf(reports);
    }

    /** The latest report, if any. */
    public synchronized Optional<PropagationReport> latest() {
        return reports.isEmpty() ? Optional.empty() : Optional.of(reports.get(reports.size() - 1));
    }
}
