package dev.eoc.dl4j.spark;

import dev.eoc.core.diagnostics.Finding;
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The driver's one verdict for one report iteration of a Spark training: every worker's report of
 * that iteration and the most severe of their verdicts. Each worker's snapshot is a whole network
 * (its copy after the last parameter averaging and its own updates since), judged whole: the
 * verdict is the worst a real copy of the network showed, never a blend of layers of two copies.
 *
 * @param iteration the training iteration (the network's update count)
 * @param workers every worker's report of the iteration, in worker-id order
 */
public record IntervalVerdict(long iteration, List<WorkerReport> workers) {

    /** Most severe first: critical before warning, then the verdict order; healthy last. */
    private static final Comparator<WorkerReport> SEVERITY =
            Comparator.comparingInt(w -> rank(w.report().diagnosis()));

    public IntervalVerdict {
        if (workers == null || workers.isEmpty()) {
            throw new IllegalArgumentException(
                    "iteration " + iteration + ": at least one worker report is needed");
        }
        workers = List.copyOf(workers);
    }

    /** The report with the most severe verdict (the first such worker in id order). */
    public WorkerReport worst() {
        return workers.stream().min(SEVERITY).orElseThrow();
    }

    /** The interval's verdict: the most severe of the workers'. */
    public Verdict verdict() {
        return worst().report().diagnosis().verdict();
    }

    /** How many workers' reports carry {@link #verdict()}. */
    public int agreeing() {
        Verdict v = verdict();
        return (int) workers.stream().filter(w -> w.report().diagnosis().verdict() == v).count();
    }

    /**
     * The worst report's line ({@code iter=... verdict=...}) followed by {@code workers=N agree=K}
     * and, when the workers disagree, the others' verdicts.
     */
    public String line() {
        WorkerReport worst = worst();
        String line = worst.report().line() + " workers=" + workers.size() + " agree=" + agreeing();
        if (agreeing() < workers.size()) {
            line +=
                    " others="
                            + workers.stream()
                                    .filter(w -> w.report().diagnosis().verdict() != verdict())
                                    .map(w -> w.report().diagnosis().verdict().id())
                                    .collect(Collectors.joining(","));
        }
        return line + " worst-worker=" + worst.workerId();
    }

    private static int rank(PropagationDiagnosis.Diagnosis d) {
        if (d.verdict() == Verdict.HEALTHY) {
            return Integer.MAX_VALUE;
        }
        Finding top = d.findings().get(0);
        return top.severity().ordinal() * Verdict.values().length + d.verdict().ordinal();
    }
}
