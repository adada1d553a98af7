package dev.eoc.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DJL training listener that watches signal propagation: every {@code interval} batches it runs a
 * fixed probe (pairs of inputs) through the network ({@link PropagationProbe}) and reports the
 * empirical q_l and c_l of every Linear layer's pre-activations, the gradient norms of the last
 * backward pass, and the mean-field theory for the network's actual weights (Poole et al. 2016;
 * Schoenholz et al. 2017). Output: one SLF4J INFO line per report (eoc-core's {@code
 * ReportFormatter}, the same as for DL4J), a WARN line with advice when the network turns ordered,
 * chaotic or non-finite ({@code PropagationDiagnosis}), CSV or JSON Lines rows if a file is given,
 * and an in-memory history ({@link #history()}).
 *
 * <p>The first report comes after the first batch (the network at initialization), then every
 * {@code interval} batches. Default interval {@value #DEFAULT_INTERVAL}: a report costs about as
 * much as one or two training steps of the same network (a forward pass of 2K rows, a copy of every
 * weight matrix and one mean-field map evaluation per layer), so the overhead is ~1-2% (measured on
 * the depth-200 width-300 MLP; see docs/BENCHMARKS.md).
 *
 * <p>The probe is taken from the first {@value #DEFAULT_PROBE_PAIRS} pairs of rows of the first
 * batch unless given. The listener never throws into training: a failing report is logged (with its
 * stack trace the first time) and after {@value #MAX_CONSECUTIVE_FAILURES} consecutive failures the
 * listener disables itself.
 */
public final class PropagationListener extends TrainingListenerAdapter {

    /** Batches between reports. */
    public static final int DEFAULT_INTERVAL = 100;

    /** Input pairs in a probe taken from the data. */
    public static final int DEFAULT_PROBE_PAIRS = 4;

    /** Consecutive failed reports after which the listener stops trying. */
    public static final int MAX_CONSECUTIVE_FAILURES = 3;

    private static final Logger LOG = LoggerFactory.getLogger(PropagationListener.class);

    private final int interval;
    private final int probePairs;
    private final NDArray givenProbe;
    private final Path reportFile;
    private final Map<String, String> provenance;
    private final List<String> activationSpecs;
    private final boolean lenient;
    private final List<PropagationReport> history = Collections.synchronizedList(new ArrayList<>());

    private PropagationProbe probe;
    private NDManager manager;
    private NDArray probeInputs;
    private ReportWriter writer;
    private long batches;
    private int consecutiveFailures;
    private boolean disabled;
    private PropagationDiagnosis.Verdict lastVerdict = PropagationDiagnosis.Verdict.HEALTHY;
    private volatile long reportNanos;

    private PropagationListener(Builder b) {
        this.interval = b.interval;
        this.probePairs = b.probePairs;
        this.givenProbe = b.probe;
        this.reportFile = b.reportFile;
        this.provenance = Map.copyOf(b.provenance);
        this.activationSpecs = List.copyOf(b.activationSpecs);
        this.lenient = b.lenient;
    }

    /** A listener with every default. */
    public static PropagationListener create() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** All reports so far, oldest first (a copy). */
    public List<PropagationReport> history() {
        synchronized (history) {
            return List.copyOf(history);
        }
    }

    /** The latest report, if any. */
    public Optional<PropagationReport> latest() {
        synchronized (history) {
            return history.isEmpty()
                    ? Optional.empty()
                    : Optional.of(history.get(history.size() - 1));
        }
    }

    /** Reports whose diagnosis is a warning (ordered, chaotic, non-finite). */
    public List<PropagationReport> warnings() {
        return history().stream().filter(r -> r.diagnosis().isWarning()).toList();
    }

    /** True once the listener has given up after repeated failures. */
    public boolean isDisabled() {
        return disabled;
    }

    /** Wall-clock nanoseconds spent in reports so far (for overhead measurements). */
    public long reportNanos() {
        return reportNanos;
    }

    @Override
    public void onTrainingBegin(Trainer trainer) {
        guard(
                "start",
                () -> {
                    probe =
                            PropagationProbe.of(
                                    trainer.getModel().getBlock(), activationSpecs, lenient);
                    manager = trainer.getManager().newSubManager();
                    if (givenProbe != null) {
                        probeInputs = copy(givenProbe);
                    }
                    if (reportFile != null) {
                        Map<String, String> p = new LinkedHashMap<>(provenance);
                        p.putIfAbsent("framework", "DJL " + Engine.getDjlVersion());
                        p.putIfAbsent("engine", trainer.getManager().getEngine().getEngineName());
                        p.putIfAbsent("interval", Integer.toString(interval));
                        writer = ReportWriter.forFile(reportFile, p);
                    }
                });
    }

    @Override
    public void onTrainingBatch(Trainer trainer, BatchData batchData) {
        batches++;
        if (disabled || probe == null) {
            return;
        }
        if (probeInputs == null) {
            guard("probe selection", () -> probeInputs = probeFrom(batchData));
        }
        if (probeInputs != null && (batches - 1) % interval == 0) {
            long start = System.nanoTime();
            guard("report", () -> report(batches));
            reportNanos += System.nanoTime() - start;
        }
    }

    @Override
    public void onTrainingEnd(Trainer trainer) {
        try {
            if (writer != null) {
                writer.close();
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot close the propagation report file {}: {}", reportFile, e.toString());
        }
        if (manager != null) {
            manager.close();
            manager = null;
            probeInputs = null;
        }
    }

    private void report(long iteration) throws IOException {
        PropagationReport r = PropagationReport.of(probe.measure(probeInputs, iteration, true));
        history.add(r);
        LOG.info("signal propagation: {}", r.line());
        PropagationDiagnosis.Verdict v = r.diagnosis().verdict();
        if (r.diagnosis().isWarning() && v != lastVerdict) {
            LOG.warn("signal propagation at iteration {}: {}", iteration, r.diagnosis().message());
        }
        lastVerdict = v;
        if (writer != null) {
            writer.write(r.snapshot(), r.diagnosis());
        }
    }

    private NDArray probeFrom(BatchData batchData) {
        NDArray data = batchData.getBatch().getData().head();
        long rows = data.getShape().get(0);
        long pairs = Math.min(probePairs, rows / 2);
        if (pairs == 0) {
            throw new IllegalArgumentException(
                    "the first batch has " + rows + " rows; a probe needs at least one pair");
        }
        try (NDArray head = data.get(new NDIndex("0:" + 2 * pairs))) {
            return copy(head);
        }
    }

    private NDArray copy(NDArray a) {
        NDArray c = a.duplicate();
        c.attach(manager);
        return c;
    }

    private interface Action {
        void run() throws Exception;
    }

    /** Runs an action, never letting an exception reach the training loop. */
    private void guard(String what, Action action) {
        try {
            action.run();
            consecutiveFailures = 0;
        } catch (Exception e) {
            consecutiveFailures++;
            if (consecutiveFailures == 1) {
                LOG.warn("signal-propagation {} failed; training goes on", what, e);
            } else {
                LOG.warn("signal-propagation {} failed again: {}", what, e.toString());
            }
            if (consecutiveFailures >= MAX_CONSECUTIVE_FAILURES || probe == null) {
                disabled = true;
                LOG.error(
                        "signal-propagation listener disabled after {} failure(s); last: {}",
                        consecutiveFailures,
                        e.toString());
            }
        }
    }

    /** Builder of {@link PropagationListener}. */
    public static final class Builder {
        private int interval = DEFAULT_INTERVAL;
        private int probePairs = DEFAULT_PROBE_PAIRS;
        private NDArray probe;
        private Path reportFile;
        private final Map<String, String> provenance = new LinkedHashMap<>();
        private final List<String> activationSpecs = new ArrayList<>();
        private boolean lenient;

        private Builder() {}

        /** Batches between reports, &gt;= 1. */
        public Builder optInterval(int interval) {
            if (interval < 1) {
                throw new IllegalArgumentException("interval must be >= 1, got " + interval);
            }
            this.interval = interval;
            return this;
        }

        /** Input pairs to take from the first batch, &gt;= 1 (ignored with an explicit probe). */
        public Builder optProbePairs(int pairs) {
            if (pairs < 1) {
                throw new IllegalArgumentException("probe pairs must be >= 1, got " + pairs);
            }
            this.probePairs = pairs;
            return this;
        }

        /** Explicit probe rows in pairs (0,1), (2,3), ...; copied when training begins. */
        public Builder optProbe(NDArray probe) {
            long rows = probe.getShape().get(0);
            if (rows < 2 || rows % 2 != 0) {
                throw new IllegalArgumentException(
                        "probe needs an even number >= 2 of rows, got " + rows);
            }
            this.probe = probe;
            return this;
        }

        /** Writes every report to this file: .csv gives CSV, .jsonl JSON Lines. */
        public Builder optReportFile(Path file, Map<String, String> provenance) {
            String name = file.getFileName().toString();
            if (!name.endsWith(".csv") && !name.endsWith(".jsonl") && !name.endsWith(".json")) {
                throw new IllegalArgumentException(
                        "report file '" + file + "' must end in .csv, .jsonl or .json");
            }
            this.reportFile = file;
            this.provenance.clear();
            this.provenance.putAll(provenance);
            return this;
        }

        /** Activation spec after each Linear layer (default: read from the blocks). */
        public Builder optActivations(List<String> specs) {
            activationSpecs.clear();
            activationSpecs.addAll(specs);
            return this;
        }

        /** Forward unsupported blocks without analysing them instead of disabling the listener. */
        public Builder optLenient(boolean lenient) {
            this.lenient = lenient;
            return this;
        }

        public PropagationListener build() {
            return new PropagationListener(this);
        }
    }
}
