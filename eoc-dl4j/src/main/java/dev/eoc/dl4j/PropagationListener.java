package dev.eoc.dl4j;

import dev.eoc.core.diagnostics.Finding;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.diagnostics.ReportHistory;
import dev.eoc.core.diagnostics.ReportWriter;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A DL4J training listener that follows signal propagation during training: every N iterations it
 * runs a fixed {@link ProbeSet} through the network ({@link PropagationProbe}), compares each
 * layer's measured q_l and c_l with the mean-field prediction for the network's current weights
 * (Poole et al. 2016; Schoenholz et al. 2017), logs one line through SLF4J, warns with evidence and
 * a fix for each symptom when it first appears (eoc-core's {@code PropagationDiagnosis}: NaN,
 * diverging or stalled loss, vanishing or exploding signal and gradients, ordered, chaotic,
 * collapsed, dead or saturated units, drift from the theory), optionally appends each report to a
 * CSV or JSON Lines file, and keeps the reports in memory ({@link #history()}).
 *
 * <p>The loss is the model's score after each iteration, averaged over the report interval; with an
 * output layer of softmax cross-entropy (MCXENT or negative log-likelihood) its units give the
 * number of classes K and the chance level ln K. Gradient norms are those of the mean loss (DJL's
 * convention): DL4J's summed gradient divided by the batch size. The first report is judged as the
 * network at initialization.
 *
 * <p>It never throws into the training loop: the first failing report is logged once, with its
 * cause, and disables the listener ({@link #isDisabled()}), as the DJL listener does. Reports are
 * taken in {@code onGradientCalculation}, before the update, labelled with the number of updates
 * done so far (0 = at initialization). Default interval {@value #DEFAULT_INTERVAL} iterations: one
 * report costs about as much as a few training steps on the network (a forward pass of 2P probe
 * rows, one extra matrix product per layer to get pre-activations, a copy of the weights to compute
 * their variance, and a mean-field prediction of a few ms per layer), so the overhead stays near 1%
 * (measured in docs/benchmarks-dl4j.md). Gradient norms are taken at the iterations that report
 * only.
 */
public final class PropagationListener extends BaseTrainingListener implements AutoCloseable {

    /** Default report interval in iterations. */
    public static final int DEFAULT_INTERVAL = 100;

    private static final Logger LOG = LoggerFactory.getLogger(PropagationListener.class);

    private final ProbeSet probe;
    private final int interval;
    private final ReportHistory history = new ReportHistory();
    private ReportWriter writer;
    private PropagationProbe signalProbe;
    private Model probedModel;
    private double[] gradientNorms;

    private volatile long reportNanos;
    private volatile boolean disabled;

    private PropagationListener(ProbeSet probe, int interval, ReportWriter writer) {
        this.probe = probe;
        this.interval = interval;
        this.writer = writer;
    }

    /** A listener reporting every {@value #DEFAULT_INTERVAL} iterations, logging only. */
    public static PropagationListener of(ProbeSet probe) {
        return new PropagationListener(probe, DEFAULT_INTERVAL, null);
    }

    /** A listener reporting every {@code interval} iterations, logging only. */
    public static PropagationListener of(ProbeSet probe, int interval) {
        return of(probe, interval, null, Map.of());
    }

    /**
     * A listener reporting every {@code interval} iterations and appending each report to {@code
     * reportFile} ({@code .csv}, {@code .jsonl} or {@code .json}), which starts with {@code
     * provenance} (version, revision, configuration, seed, ...).
     */
    public static PropagationListener of(
            ProbeSet probe, int interval, Path reportFile, Map<String, String> provenance) {
        if (probe == null) {
            throw new IllegalArgumentException("a probe set is required");
        }
        if (interval < 1) {
            throw new IllegalArgumentException("report interval must be >= 1, got " + interval);
        }
        return new PropagationListener(
                probe,
                interval,
                reportFile == null ? null : ReportWriter.forFile(reportFile, provenance));
    }

    /** Every report so far, oldest first; safe to read from another thread. */
    public List<PropagationReport> history() {
        return history.reports();
    }

    /** Wall-clock nanoseconds spent in reports (gradient norms included) so far. */
    public long reportNanos() {
        return reportNanos;
    }

    /** The latest report, if any. */
    public Optional<PropagationReport> latest() {
        return history.latest();
    }

    /**
     * Reports when the iteration is due, before the updater applies the gradient: the weights,
     * their gradients and the batch's loss then belong to the same point of training, and the first
     * report (iteration 0) is of the network at initialization, not one update later.
     */
    @Override
    public void onGradientCalculation(Model model) {
        if (disabled) {
            return;
        }
        long iteration = PropagationProbe.iterationOf(model);
        history.recordLoss(model.score());
        if (iteration % interval != 0) {
            return;
        }
        long t0 = System.nanoTime();
        try {
            gradientNorms = probeFor(model).gradientNorms(model);
            report(model, iteration);
        } catch (RuntimeException e) {
            disabled = true;
            LOG.warn(
                    "signal-propagation listener disabled at iteration {}, training goes on: {}",
                    iteration,
                    e.toString(),
                    e);
        } finally {
            reportNanos += System.nanoTime() - t0;
        }
    }

    /** True once a report has failed: the listener then stays silent (one warning was logged). */
    public boolean isDisabled() {
        return disabled;
    }

    /**
     * Measures now and records the report (history, log, file), as the listener does at its
     * interval.
     *
     * @throws IllegalArgumentException when the model is not a network or graph eoc-dl4j can probe
     */
    public PropagationReport report(Model model, long iteration) {
        PropagationProbe p = probeFor(model);
        PropagationSnapshot snapshot = p.measure(model, probe, iteration, gradientNorms);
        gradientNorms = null;
        PropagationReport report = history.judge(snapshot, p.classes());
        LOG.info("{}", report.line());
        for (Finding f : history.newFindings()) {
            if (f.severity() == Finding.Severity.NOTICE) {
                LOG.info("iteration {}: {}", iteration, f.message());
            } else {
                LOG.warn("iteration {}: {}", iteration, f.message());
            }
        }
        write(report);
        return report;
    }

    private void write(PropagationReport report) {
        if (writer == null) {
            return;
        }
        try {
            writer.write(report.snapshot(), report.diagnosis());
        } catch (IOException e) {
            LOG.warn("cannot write signal-propagation report, file output stops: {}", e.toString());
            closeQuietly();
        }
    }

    private PropagationProbe probeFor(Model model) {
        if (model != probedModel) {
            signalProbe = PropagationProbe.of(model);
            probedModel = model;
        }
        return signalProbe;
    }

    /** Closes the report file, if any. */
    @Override
    public void close() {
        closeQuietly();
    }

    private void closeQuietly() {
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                LOG.warn("cannot close signal-propagation report file: {}", e.toString());
            }
            writer = null;
        }
    }
}
