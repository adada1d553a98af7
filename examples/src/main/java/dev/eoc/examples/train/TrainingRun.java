package dev.eoc.examples.train;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.diagnostics.PropagationReport;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.Split;
import dev.eoc.examples.report.Provenance;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link TrainingConfig}: for each seed, builds the network, trains it epoch by epoch with
 * plain SGD on shuffled mini-batches, evaluates test accuracy after every epoch and writes each
 * finished epoch to the {@link RunDirectory} (record, checkpoint, per-layer propagation) before
 * starting the next. With {@code resume}, seeds and epochs already recorded are skipped and a
 * seed's training continues from its last checkpoint, seeing the same batches as an uninterrupted
 * run would (the shuffle depends only on seed and epoch).
 *
 * <p>Protocol of Hayou, Doucet &amp; Rousseau (ICML 2019), section 5: inputs pixel / 255 times
 * sqrt(q*), every layer initialized at the chosen point, softmax cross-entropy, test accuracy after
 * every epoch.
 */
public final class TrainingRun {

    /** Probe pairs measured per layer at initialization and after every epoch. */
    public static final int PROBE_PAIRS = 4;

    /** Rows per forward pass when evaluating. */
    private static final int EVAL_CHUNK = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(TrainingRun.class);

    private final TrainingConfig config;
    private final Path dataDir;
    private final Path outDir;
    private final boolean resume;
    private final Function<NetworkSpec, TrainableNetwork> networks;

    private TrainingRun(
            TrainingConfig config,
            Path dataDir,
            Path outDir,
            boolean resume,
            Function<NetworkSpec, TrainableNetwork> networks) {
        this.config = config;
        this.dataDir = dataDir;
        this.outDir = outDir;
        this.resume = resume;
        this.networks = networks;
    }

    /** A run in the configured framework. */
    public static TrainingRun of(TrainingConfig config, Path dataDir, Path outDir, boolean resume) {
        return new TrainingRun(
                config, dataDir, outDir, resume, spec -> Networks.create(config.framework(), spec));
    }

    /** A run with another network factory (tests). */
    static TrainingRun of(
            TrainingConfig config,
            Path dataDir,
            Path outDir,
            boolean resume,
            Function<NetworkSpec, TrainableNetwork> networks) {
        return new TrainingRun(config, dataDir, outDir, resume, networks);
    }

    /**
     * What a run produced.
     *
     * @param directory the output directory
     * @param init the initialization point used
     * @param epochs every recorded epoch, earlier invocations' included
     * @param trainedEpochs epochs trained by this invocation
     */
    public record Result(
            Path directory, InitPoint init, List<EpochRecord> epochs, int trainedEpochs) {}

    /**
     * Trains every seed and epoch not yet recorded.
     *
     * @param progress where the progress bar goes
     * @param interactive whether {@code progress} is a terminal (redraw in place)
     * @param provenance provenance of this invocation
     */
    public Result run(PrintWriter progress, boolean interactive, Provenance provenance) {
        ActivationFunction activation = Activations.parse(config.activation());
        InitPoint point =
                InitPoint.resolve(
                        config.init(),
                        config.framework(),
                        activation,
                        config.sigmaB(),
                        config.sigmaW());
        if (point.unstable() && point.scheme() != InitScheme.ORDERED) {
            LOG.warn(
                    "the {} point of {} is unstable (chi_q = {} >= 1): q_l runs away from q* and"
                            + " deep networks are not expected to train",
                    point.scheme().id(),
                    activation.spec(),
                    point.chiQ());
        }
        TrainingData train =
                TrainingData.of(
                        Datasets.load(config.dataset(), Split.TRAIN, dataDir),
                        config.limitTrain(),
                        point.inputScale());
        TrainingData test =
                TrainingData.of(
                        Datasets.load(config.dataset(), Split.TEST, dataDir),
                        config.limitTest(),
                        point.inputScale());
        RunDirectory dir = RunDirectory.open(outDir, config, point, provenance, resume);
        for (String n : dir.notices()) {
            notice(progress, n);
        }
        long remaining = 0;
        for (int k = 0; k < config.seeds(); k++) {
            remaining +=
                    (long) Math.max(0, config.epochs() - dir.lastFinishedEpoch(config.seed(k)))
                            * train.batchCount(config.batch());
        }
        LOG.info(
                "training {} {} depth {} width {} on {} ({} train, {} test), init {} ({}),"
                        + " input scale {}",
                config.framework().id(),
                activation.spec(),
                config.depth(),
                config.width(),
                config.dataset(),
                train.size(),
                test.size(),
                point.scheme().id(),
                point.source(),
                point.inputScale());
        ProgressBar bar = new ProgressBar(progress, interactive, remaining);
        TrainingData.Batch probe = test.slice(0, Math.min(2 * PROBE_PAIRS, test.size() / 2 * 2));
        int trained = 0;
        try (dir) {
            for (int k = 0; k < config.seeds(); k++) {
                trained += runSeed(k, point, train, test, probe, dir, bar, provenance, progress);
            }
        }
        return new Result(outDir, point, dir.finishedEpochs(), trained);
    }

    private int runSeed(
            int k,
            InitPoint point,
            TrainingData train,
            TrainingData test,
            TrainingData.Batch probe,
            RunDirectory dir,
            ProgressBar bar,
            Provenance provenance,
            PrintWriter progress) {
        long seed = config.seed(k);
        int recorded = dir.lastFinishedEpoch(seed);
        if (recorded >= config.epochs()) {
            return 0;
        }
        int done = recorded;
        TrainableNetwork net = null;
        try {
            while (true) {
                net = networks.apply(spec(seed, point, train, dir, done, provenance));
                if (done == 0 || restore(net, dir, seed, done, progress)) {
                    break;
                }
                // the checkpoint after epoch `done` is damaged: fall back one epoch
                net.close();
                net = null;
                notice(progress, dir.rollBack(seed, done - 1));
                done--;
            }
            if (recorded == 0) {
                measureLayers(net, probe, dir, seed, 0);
            }
            double elapsed = dir.elapsedSeconds(seed);
            for (int epoch = done + 1; epoch <= config.epochs(); epoch++) {
                EpochRecord r =
                        runEpoch(net, k, seed, epoch, train, test, probe, dir, bar, elapsed);
                elapsed = r.elapsedSeconds();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("seed " + seed + ": " + e.getMessage(), e);
        } finally {
            if (net != null) {
                net.close();
            }
        }
        return config.epochs() - done;
    }

    private NetworkSpec spec(
            long seed,
            InitPoint point,
            TrainingData train,
            RunDirectory dir,
            int done,
            Provenance provenance) {
        return new NetworkSpec(
                config.activation(),
                train.featureCount(),
                config.depth(),
                config.width(),
                train.classCount(),
                point,
                seed,
                config.learningRate(),
                config.listenerInterval(),
                dir.listenerFile(seed, done + 1),
                listenerProvenance(provenance, seed),
                config.architecture());
    }

    /**
     * Loads the checkpoint after epoch {@code done} into {@code net}.
     *
     * @return false when it is damaged and the epoch before has a checkpoint (or is the
     *     initialization) to fall back to
     * @throws RunFailedException when it is missing, or damaged with nothing to fall back to
     */
    private static boolean restore(
            TrainableNetwork net, RunDirectory dir, long seed, int done, PrintWriter progress) {
        Path checkpoint = dir.checkpoint(seed, done);
        if (!Files.exists(checkpoint)) {
            throw new RunFailedException(
                    "cannot resume seed "
                            + seed
                            + ": epoch "
                            + done
                            + " is recorded but its checkpoint "
                            + checkpoint
                            + " is missing; use a new --out to start over");
        }
        try {
            net.load(checkpoint);
            LOG.info("seed {}: resumed after epoch {} from {}", seed, done, checkpoint);
            return true;
        } catch (IOException | RuntimeException e) {
            String damaged =
                    "checkpoint "
                            + checkpoint
                            + " is damaged ("
                            + (e.getMessage() == null
                                    ? e.getClass().getSimpleName()
                                    : e.getMessage())
                            + ")";
            boolean fallback = done == 1 || Files.exists(dir.checkpoint(seed, done - 1));
            if (!fallback) {
                throw new RunFailedException(
                        damaged
                                + " and no earlier checkpoint is kept: move the run directory"
                                + " aside and start over with a new --out",
                        e);
            }
            notice(
                    progress,
                    damaged
                            + "; falling back to "
                            + (done == 1 ? "the initialization" : dir.checkpoint(seed, done - 1)));
            return false;
        }
    }

    /** A repair or fallback the user must hear about: logged and on the progress stream. */
    private static void notice(PrintWriter progress, String message) {
        LOG.warn(message);
        progress.println("eoc: " + message);
        progress.flush();
    }

    private EpochRecord runEpoch(
            TrainableNetwork net,
            int k,
            long seed,
            int epoch,
            TrainingData train,
            TrainingData test,
            TrainingData.Batch probe,
            RunDirectory dir,
            ProgressBar bar,
            double elapsedBefore)
            throws IOException {
        int batches = train.batchCount(config.batch());
        bar.start(
                String.format(
                        Locale.ROOT,
                        "seed %d/%d epoch %d/%d",
                        k + 1,
                        config.seeds(),
                        epoch,
                        config.epochs()),
                batches);
        long t0 = System.nanoTime();
        int reportsBefore = net.listenerReports().size();
        int[] order = train.order(seed, epoch);
        double lossSum = 0;
        long correct = 0;
        for (int b = 0; b < batches; b++) {
            int from = b * config.batch();
            int rows = Math.min(config.batch(), train.size() - from);
            TrainableNetwork.StepResult s = net.step(train.batch(order, from, rows));
            if (!Double.isFinite(s.loss())) {
                throw new RunFailedException(
                        String.format(
                                Locale.ROOT,
                                "seed %d diverged: the training loss is %s at epoch %d, batch %d"
                                        + " of %d (learning rate %s); stopped without recording"
                                        + " epoch %d%s; lower --lr",
                                seed,
                                s.loss(),
                                epoch,
                                b + 1,
                                batches,
                                config.learningRate(),
                                epoch,
                                epoch == 1
                                        ? ""
                                        : ", epochs 1-"
                                                + (epoch - 1)
                                                + " and their checkpoint are kept"));
            }
            lossSum += s.loss() * rows;
            correct += s.correct();
            bar.step();
        }
        double trainSeconds = (System.nanoTime() - t0) / 1e9;
        long t1 = System.nanoTime();
        double accuracy = accuracy(net, test);
        double evalSeconds = (System.nanoTime() - t1) / 1e9;
        measureLayers(net, probe, dir, seed, epoch);
        List<PropagationReport> all = net.listenerReports();
        List<PropagationReport> reports =
                all.subList(Math.min(reportsBefore, all.size()), all.size());
        PropagationReport last = worst(reports);
        EpochRecord r =
                new EpochRecord(
                        seed,
                        epoch,
                        lossSum / train.size(),
                        (double) correct / train.size(),
                        accuracy,
                        trainSeconds,
                        evalSeconds,
                        elapsedBefore + trainSeconds + evalSeconds,
                        last == null ? "none" : last.diagnosis().verdict().id(),
                        last == null ? Double.NaN : last.diagnosis().meanChi1());
        dir.saveCheckpoint(seed, epoch, net);
        dir.record(r);
        bar.finish(
                String.format(
                        Locale.ROOT,
                        "seed %d epoch %d: test accuracy %.2f%%, train loss %.4f, train accuracy"
                                + " %.2f%%, %s (+%.1f s eval), propagation: %s",
                        seed,
                        epoch,
                        100 * accuracy,
                        r.trainLoss(),
                        100 * r.trainAccuracy(),
                        ProgressBar.clock(trainSeconds),
                        evalSeconds,
                        r.verdict()));
        return r;
    }

    /**
     * The epoch's most severe report (by its top finding's severity, then its verdict's rank), or
     * its last report when none warned; null when there is none. A collapse in the middle of an
     * epoch is not hidden by a quiet last report.
     */
    static PropagationReport worst(List<PropagationReport> reports) {
        PropagationReport worst = null;
        for (PropagationReport r : reports) {
            if (worst == null || rank(r) <= rank(worst)) {
                worst = r;
            }
        }
        return worst;
    }

    private static int rank(PropagationReport r) {
        var d = r.diagnosis();
        if (!d.isWarning()) {
            return Integer.MAX_VALUE;
        }
        var top = d.findings().get(0);
        return top.severity().ordinal() * 1000 + top.symptom().ordinal();
    }

    private static double accuracy(TrainableNetwork net, TrainingData test) {
        long correct = 0;
        for (int from = 0; from < test.size(); from += EVAL_CHUNK) {
            TrainingData.Batch b = test.slice(from, Math.min(EVAL_CHUNK, test.size() - from));
            int[] predicted = net.predict(b);
            for (int i = 0; i < predicted.length; i++) {
                if (predicted[i] == b.labels()[i]) {
                    correct++;
                }
            }
        }
        return (double) correct / test.size();
    }

    private static void measureLayers(
            TrainableNetwork net,
            TrainingData.Batch probe,
            RunDirectory dir,
            long seed,
            int epoch) {
        try {
            PropagationSnapshot s = net.measure(probe);
            dir.recordLayers(seed, epoch, s);
        } catch (UnsupportedOperationException e) {
            if (epoch == 0) {
                LOG.info("per-layer propagation not recorded: {}", e.getMessage());
            }
        }
    }

    private Map<String, String> listenerProvenance(Provenance p, long seed) {
        Map<String, String> m = new LinkedHashMap<>();
        RunDirectory.provenanceMap(p).forEach((key, v) -> m.put(key, String.valueOf(v)));
        config.toMap().forEach((key, v) -> m.put(key, String.valueOf(v)));
        m.put("seed", Long.toString(seed));
        return m;
    }
}
