package dev.eoc.core.diagnostics;

import java.util.Locale;

/**
 * One symptom found in a report, with its evidence and one concrete fix.
 *
 * @param symptom what is wrong
 * @param severity how bad it is
 * @param layer the hidden layer the evidence points at (1..L), 0 for the network as a whole
 * @param measured the measured number the rule judged (NaN when not a number)
 * @param expected what a healthy network, or the theory, has there (NaN when not stated)
 * @param evidence what was seen: layer, measured vs expected, the threshold
 * @param fix what to do about it
 */
public record Finding(
        PropagationDiagnosis.Verdict symptom,
        Severity severity,
        int layer,
        double measured,
        double expected,
        String evidence,
        String fix) {

    public Finding {
        if (symptom == null
                || symptom == PropagationDiagnosis.Verdict.HEALTHY
                || severity == null
                || evidence == null
                || fix == null) {
            throw new IllegalArgumentException(
                    "a finding needs a symptom other than healthy, a severity, evidence and a fix");
        }
        if (layer < 0) {
            throw new IllegalArgumentException("layer must be >= 0, got " + layer);
        }
    }

    /** How bad a finding is. */
    public enum Severity {
        /** Training has failed or is failing now (NaN, a diverging loss). */
        CRITICAL,
        /** The network will not train well as it is. */
        WARNING,
        /** Worth knowing, expected in some situations (e.g. trained weights leave the theory). */
        NOTICE;

        /** Lower-case id for CSV, JSON and log lines. */
        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** "evidence; fix". */
    public String message() {
        return evidence + "; " + fix;
    }
}
