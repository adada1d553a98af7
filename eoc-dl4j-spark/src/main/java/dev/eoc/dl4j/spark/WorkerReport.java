package dev.eoc.dl4j.spark;

import dev.eoc.core.diagnostics.PropagationReport;

/**
 * One worker's report of one iteration, judged on the driver.
 *
 * @param workerId the id DL4J's training worker gave the listener's copy ({@code JVM-uid_n}, n the
 *     copy's number within the averaging round)
 * @param report the worker's snapshot with its diagnosis
 */
public record WorkerReport(String workerId, PropagationReport report) {

    public WorkerReport {
        if (workerId == null || report == null) {
            throw new IllegalArgumentException("a worker id and a report are required");
        }
    }
}
