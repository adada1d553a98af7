package dev.eoc.dl4j.spark;

import dev.eoc.core.diagnostics.Finding;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.diagnostics.ReportHistory;
import dev.eoc.dl4j.ProbeSet;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.core.storage.StatsStorageRouter;
import org.deeplearning4j.core.storage.StorageMetaData;
import org.deeplearning4j.spark.impl.SparkListenable;
import org.deeplearning4j.spark.impl.graph.SparkComputationGraph;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The driver side of Spark monitoring: a DL4J {@link StatsStorageRouter} that receives the workers'
 * {@link PropagationUpdate}s after each averaging round (DL4J's parameter-averaging master hands it
 * every update of the round at once), keeps the one history of the training, and judges each report
 * iteration once, every worker's snapshot of it together ({@link IntervalVerdict}): the loss of an
 * iteration is the mean of the workers' batch losses, the first report is the network at
 * initialization, and a symptom is announced once when it appears, however many workers and rounds
 * see it. One line per report iteration goes to the log through SLF4J (warnings for new symptoms),
 * and {@link #history()} keeps the verdicts.
 *
 * <p>Nothing reaches it by shared state: on a cluster the updates travel from the executors with
 * the training results, and in {@code local[n]} mode they take the same path (Spark serializes the
 * listener to its tasks there too). Other listeners' updates (DL4J's {@code StatsListener} for its
 * UI) go on to the router given to {@link #forwardingTo}. Not serializable on purpose: it lives on
 * the driver only.
 */
public final class SparkPropagationMonitor implements StatsStorageRouter {

    private static final Logger LOG = LoggerFactory.getLogger(SparkPropagationMonitor.class);

    private final String sessionId;
    private final StatsStorageRouter next;
    private final ReportHistory history = new ReportHistory();
    private final List<IntervalVerdict> verdicts = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private long lastIteration = -1;
    private SparkPropagationListener listener;

    private SparkPropagationMonitor(String sessionId, StatsStorageRouter next) {
        this.sessionId = sessionId;
        this.next = next;
    }

    /** A monitor of {@code listener}'s session that drops every other update. */
    public static SparkPropagationMonitor of(SparkPropagationListener listener) {
        return forwardingTo(listener, null);
    }

    /**
     * A monitor of {@code listener}'s session that passes every other update (and all metadata and
     * static info) on to {@code next}, e.g. the stats storage of DL4J's UI; null drops them.
     */
    public static SparkPropagationMonitor forwardingTo(
            SparkPropagationListener listener, StatsStorageRouter next) {
        if (listener == null) {
            throw new IllegalArgumentException("the workers' SparkPropagationListener is required");
        }
        return new SparkPropagationMonitor(listener.getSessionID(), next);
    }

    /**
     * Monitors a Spark network: checks the driver JVM ({@link SparkCompatibility}), creates the
     * listener and its monitor and sets them with {@code sparkNet.setListeners(monitor, listener)},
     * which replaces the network's listeners (to keep others, pass them with {@link #listener()}'s
     * listener to {@code setListeners} yourself).
     *
     * @param interval iterations between reports ({@link SparkPropagationListener#DEFAULT_INTERVAL}
     *     is a sane default)
     */
    public static SparkPropagationMonitor attach(
            SparkDl4jMultiLayer sparkNet, ProbeSet probe, int interval) {
        JavaSparkContext sc = sparkNet.getSparkContext();
        SparkCompatibility.check(sc.getConf());
        SparkCompatibility.warnIfOversubscribed(sc.master(), sc.defaultParallelism());
        return attach((SparkListenable) sparkNet, probe, interval);
    }

    /** As {@link #attach(SparkDl4jMultiLayer, ProbeSet, int)}, for a computation graph. */
    public static SparkPropagationMonitor attach(
            SparkComputationGraph sparkGraph, ProbeSet probe, int interval) {
        JavaSparkContext sc = sparkGraph.getSparkContext();
        SparkCompatibility.check(sc.getConf());
        SparkCompatibility.warnIfOversubscribed(sc.master(), sc.defaultParallelism());
        return attach((SparkListenable) sparkGraph, probe, interval);
    }

    private static SparkPropagationMonitor attach(
            SparkListenable target, ProbeSet probe, int interval) {
        SparkPropagationListener listener = SparkPropagationListener.of(probe, interval);
        SparkPropagationMonitor monitor = of(listener);
        monitor.listener = listener;
        target.setListeners(monitor, List.of(listener));
        return monitor;
    }

    /**
     * The workers' listener {@link #attach} created (empty for a monitor made with {@link #of}).
     */
    public Optional<SparkPropagationListener> listener() {
        return Optional.ofNullable(listener);
    }

    /** Every report iteration's verdict so far, oldest first (a copy; safe from any thread). */
    public synchronized List<IntervalVerdict> history() {
        return List.copyOf(verdicts);
    }

    /** The latest verdict, if any. */
    public synchronized Optional<IntervalVerdict> latest() {
        return verdicts.isEmpty()
                ? Optional.empty()
                : Optional.of(verdicts.get(verdicts.size() - 1));
    }

    /** The workers' reasons for stopping their reports ("worker: reason"), if any did. */
    public synchronized List<String> failures() {
        return List.copyOf(failures);
    }

    @Override
    public void putUpdate(Persistable update) {
        putUpdate(List.of(update));
    }

    @Override
    public void putUpdate(Collection<? extends Persistable> updates) {
        List<PropagationUpdate> ours = new ArrayList<>();
        List<Persistable> others = new ArrayList<>();
        for (Persistable p : updates) {
            if (p instanceof PropagationUpdate u && sessionId.equals(u.getSessionID())) {
                ours.add(u);
            } else {
                others.add(p);
            }
        }
        if (next != null && !others.isEmpty()) {
            next.putUpdate(others);
        }
        if (!ours.isEmpty()) {
            judge(ours);
        }
    }

    /** Judges one averaging round's updates, iteration by iteration. */
    private synchronized void judge(List<PropagationUpdate> round) {
        Map<Long, List<PropagationUpdate>> byIteration = new TreeMap<>();
        for (PropagationUpdate u : round) {
            byIteration.computeIfAbsent(u.iteration(), k -> new ArrayList<>()).add(u);
        }
        for (Map.Entry<Long, List<PropagationUpdate>> e : byIteration.entrySet()) {
            if (e.getKey() <= lastIteration) {
                LOG.warn(
                        "{} worker update(s) of iteration {} arrived after iteration {} was judged;"
                                + " ignored",
                        e.getValue().size(),
                        e.getKey(),
                        lastIteration);
                continue;
            }
            lastIteration = e.getKey();
            judgeIteration(e.getKey(), e.getValue());
        }
    }

    private void judgeIteration(long iteration, List<PropagationUpdate> updates) {
        updates.sort(Comparator.comparing(PropagationUpdate::getWorkerID));
        double lossSum = 0;
        int losses = 0;
        List<PropagationSnapshot> snapshots = new ArrayList<>();
        List<String> workers = new ArrayList<>();
        int classes = 0;
        for (PropagationUpdate u : updates) {
            if (u.failure().isPresent()) {
                String f = u.getWorkerID() + ": " + u.failure().get();
                failures.add(f);
                LOG.warn("iteration {}: signal-propagation reports of {}", iteration, f);
                continue;
            }
            lossSum += u.loss();
            losses++;
            Optional<PropagationSnapshot> s = u.snapshot();
            if (s.isPresent()) {
                snapshots.add(s.get());
                workers.add(u.getWorkerID());
                classes = Math.max(classes, u.classes());
            }
        }
        if (losses > 0) {
            history.recordLoss(lossSum / losses);
        }
        if (snapshots.isEmpty()) {
            return;
        }
        List<PropagationReport> reports = history.judgeAll(snapshots, classes);
        List<WorkerReport> perWorker = new ArrayList<>();
        for (int i = 0; i < reports.size(); i++) {
            perWorker.add(new WorkerReport(workers.get(i), reports.get(i)));
        }
        IntervalVerdict verdict = new IntervalVerdict(iteration, perWorker);
        verdicts.add(verdict);
        LOG.info("{}", verdict.line());
        for (Finding f : history.newFindings()) {
            if (f.severity() == Finding.Severity.NOTICE) {
                LOG.info("iteration {}: {}", iteration, f.message());
            } else {
                LOG.warn("iteration {}: {}", iteration, f.message());
            }
        }
    }

    @Override
    public void putStorageMetaData(StorageMetaData storageMetaData) {
        if (next != null) {
            next.putStorageMetaData(storageMetaData);
        }
    }

    @Override
    public void putStorageMetaData(Collection<? extends StorageMetaData> storageMetaData) {
        if (next != null) {
            next.putStorageMetaData(storageMetaData);
        }
    }

    @Override
    public void putStaticInfo(Persistable staticInfo) {
        if (next != null) {
            next.putStaticInfo(staticInfo);
        }
    }

    @Override
    public void putStaticInfo(Collection<? extends Persistable> staticInfo) {
        if (next != null) {
            next.putStaticInfo(staticInfo);
        }
    }
}
