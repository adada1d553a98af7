package dev.eoc.examples.diagnose;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import java.util.List;
import java.util.Set;

/**
 * What the listener said about one {@link FaultCase} in one framework.
 *
 * @param framework framework id
 * @param reports number of listener reports
 * @param namedAt 1-based report at which an expected symptom was first named with its fix, 0 if
 *     never (always 0 for a healthy control)
 * @param named every symptom named at warning or critical severity in any report
 * @param firstVerdict the verdict of the first report
 * @param firstMessage the first report's message (the finding's evidence and fix)
 * @param passed whether the case met its expectation
 * @param lines every report's one-line summary
 */
public record CaseOutcome(
        String framework,
        int reports,
        int namedAt,
        Set<Verdict> named,
        Verdict firstVerdict,
        String firstMessage,
        boolean passed,
        List<String> lines) {

    public CaseOutcome {
        named = Set.copyOf(named);
        lines = List.copyOf(lines);
    }

    /** The named symptoms' ids, sorted. */
    public List<String> namedIds() {
        return named.stream().map(Verdict::id).sorted().toList();
    }
}
