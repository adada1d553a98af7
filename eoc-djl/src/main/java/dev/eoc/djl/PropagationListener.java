package dev.eoc.djl;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.training.Trainer;
import ai.djl.training.listener.TrainingListenerAdapter;
import ai.djl.training.loss.Loss;
import ai.djl.training.loss.SoftmaxCrossEntropyLoss;
import dev.eoc.core.diagnostics.Finding;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.ReportHistory;
import dev.eoc.core.diagnostics.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * backward pass, the mean training loss since the last report, and the mean-field theory for the
 * network's actual weights (Poole et al. 2016; Schoenholz et al. 2017). Output: one SLF4J INFO line
 * per report (eoc-core's {@code ReportFormatter}, the same as for DL4J), a WARN line with evidence
 * and a fix for each symptom when it first appears ({@code PropagationDiagnosis}: NaN, diverging or
 * stalled loss, vanishing or exploding signal and gradients, ordered, chaotic, collapsed, dead or
 * saturated units, drift from the theory), CSV or JSON Lines rows if a file is given, and an
 * in-memory history ({@link #history()}).
 *
 * <p>Gradient norms are those of the batch's mean loss, read from the parameters' gradients (DJL's
 * Trainer leaves them there when it notifies the listener), unless the training loop handed them
 * over before the reporting batch ({@link #isReportDue()}, {@link #offerGradientNorms}), which a
 * loop that keeps its gradients elsewhere does; such a loop that cannot turns parameter reading off
 * ({@link Builder#optGradientsFromParameters}) so that reports say "n/a", never 0. The loss comes
 * from the trainer's loss on each batch's labels and predictions; with a {@link
 * SoftmaxCrossEntropyLoss} the number of classes (the last Linear layer's units) gives the chance
 * level ln K. The first report is judged as the network at initialization (it is taken on the first
 * batch, before or, with a loop that updates first, one SGD step after the update).
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
    private final boolean gradientsFromParameters;
    private final ReportHistory history = new ReportHistory();

    private PropagationProbe probe;
    private NDManager manager;
    private NDArray probeInputs;
    private ReportWriter writer;
    private long batches;
    private int consecutiveFailures;
    private boolean disabled;
    private volatile long reportNanos;
    private double[] offeredGradients;
    private int classes = -1;
    private Loss loss;

    private PropagationListener(Builder b) {
        this.interval = b.interval;
        this.probePairs = b.probePairs;
        this.givenProbe = b.probe;
        this.reportFile = b.reportFile;
        this.provenance = Map.copyOf(b.provenance);
        this.activationSpecs = List.copyOf(b.activationSpecs);
        this.lenient = b.lenient;
        this.gradientsFromParameters = b.gradientsFromParameters;
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
        return history.reports();
    }

    /** The latest report, if any. */
    public Optional<PropagationReport> latest() {
        return history.latest();
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
                    loss = trainer.getLoss();
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
        recordLoss(batchData);
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

    /**
     * True when the next {@code onTrainingBatch} reports: a training loop that hands gradient norms
     * over computes them for that batch only.
     */
    public boolean isReportDue() {
        return !disabled && batches % interval == 0;
    }

    /**
     * Gradient norms for the next report: |dL/dW_l|_2 of the batch's mean loss for each Linear
     * layer the probe sees, in block order (NaN where unknown). Used once, by the next report.
     */
    public void offerGradientNorms(double[] norms) {
        offeredGradients = norms.clone();
    }

    private void recordLoss(BatchData batchData) {
        if (loss == null || batchData.getLabels() == null || batchData.getLabels().isEmpty()) {
            return;
        }
        try {
            var device = batchData.getLabels().keySet().iterator().next();
            NDList labels = batchData.getLabels().get(device);
            NDList preds = batchData.getPredictions().get(device);
            if (labels == null || preds == null) {
                return;
            }
            try (NDArray value = loss.evaluate(labels, preds)) {
                history.recordLoss(value.getFloat());
            }
        } catch (RuntimeException e) {
            LOG.debug("loss not recorded: {}", e.toString());
        }
    }

    private void report(long iteration) throws IOException {
        double[] given = offeredGradients;
        offeredGradients = null;
        var snapshot =
                given != null
                        ? probe.measure(probeInputs, iteration, given)
                        : probe.measure(probeInputs, iteration, gradientsFromParameters);
        if (classes < 0) {
            classes = classesOf(loss);
        }
        PropagationReport r = history.judge(snapshot, classes);
        LOG.info("signal propagation: {}", r.line());
        for (Finding f : history.newFindings()) {
            if (f.severity() == Finding.Severity.NOTICE) {
                LOG.info("signal propagation at iteration {}: {}", iteration, f.message());
            } else {
                LOG.warn("signal propagation at iteration {}: {}", iteration, f.message());
            }
        }
        if (writer != null) {
            writer.write(r.snapshot(), r.diagnosis());
        }
    }

    /** K for a softmax cross-entropy loss (the last Linear layer's units), else 0 (unknown). */
    private int classesOf(Loss loss) {
        if (!(loss instanceof SoftmaxCrossEntropyLoss) || probe.depth() == 0) {
            return 0;
        }
        try {
            return probe.outputUnits();
        } catch (RuntimeException e) {
            return 0;
        }
    }

    private NDArray probeFrom(BatchData batchData) {
        NDArray data = batchData.getBatch().getData().head();
        long rows = data.getShape().get(0);
        long pairs = Math.min(probePairs, rows / 2);
        if (pairs == 0) {
            throw new IllegalArgumentException(
                    "the first batch has "
                            + rows
                            + " row(s); a probe needs at least one pair (2 rows): train on batches"
                            + " of 2 or more, or give the probe with optProbe");
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
            if (consecutiveFailures == 1 && e instanceof IllegalArgumentException) {
                // what the network or the data cannot give (a 1-row batch, a refused block): the
                // message says it, a stack trace would only hide it
                LOG.warn(
                        "signal-propagation {} failed; training goes on: {}", what, e.getMessage());
            } else if (consecutiveFailures == 1) {
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
        private boolean gradientsFromParameters = true;

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

        /**
         * Whether to read gradient norms from the parameters' gradients (default true, right for
         * DJL's Trainer). A loop that keeps gradients elsewhere sets false and calls {@link
         * #offerGradientNorms} when {@link #isReportDue()}; without that, reports say n/a.
         */
        public Builder optGradientsFromParameters(boolean fromParameters) {
            this.gradientsFromParameters = fromParameters;
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
