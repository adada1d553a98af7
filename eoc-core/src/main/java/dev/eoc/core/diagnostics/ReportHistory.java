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
        return judgeAll(List.of(snapshot), classes).get(0);
    }

    /**
     * Closes the current loss interval once and diagnoses several snapshots of the same point of
     * training in the same context: the copies of one network that the workers of a data-parallel
     * trainer hold at one iteration. Each snapshot is judged whole (a verdict never mixes layers of
     * two workers); a symptom is new when no report of the previous call named it.
     *
     * @param classes number of classes of a softmax classifier, 0 when unknown
     * @return one report per snapshot, in the given order
     */
    public synchronized List<PropagationReport> judgeAll(
            List<PropagationSnapshot> snapshots, int classes) {
        if (snapshots.isEmpty()) {
            throw new IllegalArgumentException("at least one snapshot is needed");
        }
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
        List<PropagationReport> judged = new ArrayList<>();
        Set<PropagationDiagnosis.Verdict> now = EnumSet.noneOf(PropagationDiagnosis.Verdict.class);
        List<Finding> fresh = new ArrayList<>();
        for (PropagationSnapshot snapshot : snapshots) {
            PropagationReport report = PropagationReport.of(snapshot, progress);
            judged.add(report);
            // every finding of a new symptom, but from the first snapshot that names it only
            for (Finding f : report.diagnosis().findings()) {
                if (!lastSymptoms.contains(f.symptom()) && !now.contains(f.symptom())) {
                    fresh.add(f);
                }
            }
            now.addAll(report.diagnosis().symptoms());
        }
        reports.addAll(judged);
        lastSymptoms = now;
        newFindings = List.copyOf(fresh);
        return List.copyOf(judged);
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
