package dev.eoc.examples.cli;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.NoEdgeOfChaosException;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.reproduce.DatasetLabel;
import dev.eoc.examples.reproduce.Grid;
import dev.eoc.examples.reproduce.ReproduceReport;
import dev.eoc.examples.reproduce.RunData;
import dev.eoc.examples.reproduce.TimeEstimate;
import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.RunFailedException;
import dev.eoc.examples.train.TrainingConfig;
import dev.eoc.examples.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./eoc reproduce}: trains the grid of Hayou, Doucet &amp; Rousseau (ICML 2019, section 5),
 * activations x initializations x frameworks with the paper's protocol, each setting in its own
 * resumable run directory {@code OUT/<framework>-<activation>-<init>}, then writes a report of what
 * was measured beside the paper's numbers. {@code --report-only} writes the report from the run
 * directories already under {@code --out}, including ones made by {@code ./eoc train}.
 */
@Command(
        name = "reproduce",
        mixinStandardHelpOptions = true,
        description = {
            "Train the paper's grid (activations x inits x frameworks; depth 200, width 300, SGD lr 1e-4, batch 64, 100 epochs, 10 seeds unless overridden) and write a report (report.md, report.csv, PNG charts) beside the paper's numbers. Each setting trains in OUT/<framework>-<activation>-<init> and a rerun continues where it stopped. --report-only only (re)writes the report from the run directories under --out. Exit 0 when every setting trained, 1 when some failed (the report is still written), 2 for bad input or no run directory."
        })
public final class ReproduceCommand implements Callable<Integer> {

    /** The sigma_b suggested for activations without a stable EOC point (the paper's 0.2). */
    private static final double SUGGESTED_UNSTABLE_SIGMA_B = 0.2;

    /** Exit code when some settings failed and the others were reported. */
    static final int EXIT_SOME_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ReproduceCommand.class);

    @Spec CommandSpec spec;

    @Mixin DataOptions dataOptions;

    @Option(
            names = "--dataset",
            paramLabel = "NAME",
            description = "mnist or cifar10 (also fashion-mnist); required unless --report-only.")
    String dataset;

    @Option(
            names = {"--framework", "--frameworks"},
            split = ",",
            defaultValue = "djl",
            paramLabel = "NAME",
            description =
                    "Comma-separated frameworks, djl and/or dl4j (default: ${DEFAULT-VALUE}).")
    List<String> frameworks;

    @Option(
            names = "--activations",
            split = ",",
            defaultValue = "relu,elu,tanh",
            paramLabel = "SPEC",
            description = "Comma-separated activations (default: ${DEFAULT-VALUE}).")
    List<String> activations;

    @Option(
            names = "--eoc-sigma-b",
            split = ",",
            paramLabel = "ACTIVATION=SIGMA_B",
            description =
                    "sigma_b of the Edge-of-Chaos point for an activation's eoc and eoc-bn"
                            + " settings (default: its recommended point). Needed for"
                            + " activations without a stable EOC point, e.g. the paper's"
                            + " S-Softplus rows: --activations relu,elu,tanh,shifted_softplus"
                            + " --eoc-sigma-b shifted_softplus=0.2.")
    List<String> eocSigmaB = new ArrayList<>();

    @Option(
            names = "--inits",
            split = ",",
            defaultValue = "eoc,eoc-bn,ordered",
            paramLabel = "INIT",
            description =
                    "Comma-separated inits: eoc, eoc-bn, ordered, default (default: ${DEFAULT-VALUE}).")
    List<String> inits;

    @Option(
            names = "--epochs",
            defaultValue = "" + TrainingConfig.PAPER_EPOCHS,
            description = "Epochs per seed (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--seeds",
            defaultValue = "" + TrainingConfig.PAPER_SEEDS,
            description = "Seeds per setting (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--depth",
            defaultValue = "" + TrainingConfig.PAPER_DEPTH,
            description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth;

    @Option(
            names = "--width",
            defaultValue = "" + TrainingConfig.PAPER_WIDTH,
            description = "Units per layer (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(
            names = "--lr",
            defaultValue = "" + TrainingConfig.PAPER_LEARNING_RATE,
            description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--batch",
            defaultValue = "" + TrainingConfig.PAPER_BATCH,
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Directory of the run directories (default: runs/reproduce-DATASET).")
    Path out;

    @Option(
            names = "--report-dir",
            paramLabel = "DIR",
            description = "Where the report goes (default: --out).")
    Path reportDir;

    @Option(
            names = "--report-only",
            description = "Do not train: write the report from the run directories under --out.")
    boolean reportOnly;

    @Override
    public Integer call() {
        CommandSupport.checkOutputDirectory("--out", out);
        CommandSupport.checkOutputDirectory("--report-dir", reportDir);
        if (out == null && dataset == null) {
            throw new IllegalArgumentException(
                    "--dataset is required (mnist or cifar10), or --out DIR with --report-only");
        }
        Path outDir = out != null ? out : Path.of("runs", "reproduce-" + dataset);
        Path data = dataOptions.directory();
        Provenance provenance = CommandSupport.provenance(spec);
        if (reportOnly) {
            return report(outDir, data, provenance, List.of());
        }
        Grid grid = grid();
        List<Grid.Setting> settings = grid.settings();
        settings.forEach(ReproduceCommand::checkInitPoint);
        PrintWriter stdout = spec.commandLine().getOut();
        printGrid(stdout, grid, settings, outDir);
        checkData(data);
        List<String> failures = new ArrayList<>();
        boolean estimated = printEstimate(stdout, settings, outDir);
        if (!estimated) {
            stdout.println(
                    "no time estimate yet: no setting has a finished epoch; one follows the first"
                            + " epoch of "
                            + settings.get(0).directoryName());
            stdout.flush();
        }
        try {
            for (Grid.Setting s : settings) {
                try {
                    if (!estimated) {
                        // one measured epoch before promising anything about the rest
                        train(s, s.config().withEpochs(1).withSeeds(1), outDir, data, provenance);
                        estimated = printEstimate(stdout, settings, outDir);
                    }
                    train(s, s.config(), outDir, data, provenance);
                } catch (IllegalArgumentException e) {
                    throw e; // bad input (e.g. --out holds runs of other settings): stop
                } catch (RunFailedException e) {
                    // one line: the message says what failed and what to do
                    LOG.error("setting {} failed: {}", s.directoryName(), e.getMessage());
                    failures.add(s.directoryName() + " failed: " + e.getMessage());
                } catch (RuntimeException e) {
                    LOG.error("setting {} failed", s.directoryName(), e);
                    failures.add(s.directoryName() + " failed: " + e);
                }
                printEstimate(stdout, settings, outDir);
            }
        } catch (RuntimeException e) {
            reportWhatExists(outDir, data, provenance, e);
            throw e;
        }
        int code = report(outDir, data, provenance, failures);
        if (!failures.isEmpty()) {
            PrintWriter err = spec.commandLine().getErr();
            failures.forEach(f -> err.println("eoc: " + f));
            err.flush();
            return EXIT_SOME_FAILED;
        }
        return code;
    }

    Grid grid() {
        if (dataset == null) {
            throw new IllegalArgumentException("--dataset is required to train (mnist or cifar10)");
        }
        if (!Datasets.NAMES.contains(dataset)) {
            throw new IllegalArgumentException(
                    "unknown dataset '" + dataset + "'; expected one of " + Datasets.NAMES);
        }
        TrainingConfig paper = TrainingConfig.paper(Framework.DJL, dataset, "tanh", InitScheme.EOC);
        TrainingConfig protocol =
                new TrainingConfig(
                        paper.framework(),
                        dataset,
                        paper.activation(),
                        paper.init(),
                        null,
                        null,
                        depth,
                        width,
                        epochs,
                        batch,
                        lr,
                        seeds,
                        paper.firstSeed(),
                        dataOptions.limitTrain,
                        dataOptions.limitTest,
                        paper.listenerInterval());
        Map<String, Double> sigmaB = eocSigmaBs();
        for (String a : activations) {
            if (a.isBlank()) {
                throw new IllegalArgumentException(
                        "--activations has an empty entry ('"
                                + String.join(",", activations)
                                + "'): remove the extra comma, e.g. --activations relu,tanh");
            }
        }
        return new Grid(
                frameworks.stream().map(String::strip).map(Framework::parse).toList(),
                activations.stream().map(String::strip).toList(),
                inits.stream().map(String::strip).map(InitScheme::parse).toList(),
                protocol,
                sigmaB);
    }

    /** --eoc-sigma-b as activation spec -> sigma_b, each activation at most once. */
    private Map<String, Double> eocSigmaBs() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (String entry : eocSigmaB) {
            int eq = entry.lastIndexOf('=');
            if (eq <= 0 || eq == entry.length() - 1) {
                throw new IllegalArgumentException(
                        "--eoc-sigma-b wants ACTIVATION=SIGMA_B, got '"
                                + entry
                                + "'; e.g. --eoc-sigma-b shifted_softplus=0.2");
            }
            String act = Activations.parse(entry.substring(0, eq).strip()).spec();
            double b;
            try {
                b = Double.parseDouble(entry.substring(eq + 1).strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(
                        "--eoc-sigma-b "
                                + entry
                                + ": '"
                                + entry.substring(eq + 1)
                                + "' is not a number; e.g. --eoc-sigma-b "
                                + act
                                + "=0.2");
            }
            Double old = m.putIfAbsent(act, b);
            if (old != null) {
                throw new IllegalArgumentException(
                        "--eoc-sigma-b gives "
                                + act
                                + " twice ("
                                + CommandSupport.number(old)
                                + " and "
                                + CommandSupport.number(b)
                                + "): give each activation once");
            }
        }
        return m;
    }

    private void train(
            Grid.Setting s, TrainingConfig config, Path outDir, Path data, Provenance provenance) {
        PrintWriter err = spec.commandLine().getErr();
        err.printf(Locale.ROOT, "== %s -> %s%n", s.directoryName(), s.directory(outDir));
        err.flush();
        try (InterruptHint hint =
                InterruptHint.install(
                        "finished epochs are kept under "
                                + outDir
                                + "; run the same command again to continue where it stopped")) {
            TrainingRun.of(config, data, s.directory(outDir), true)
                    .run(err, System.console() != null, provenance);
        }
    }

    /**
     * Resolves a setting's initialization point now, so that a setting without one (e.g. an
     * activation without a stable Edge-of-Chaos point) stops the grid before hours of training.
     */
    private static void checkInitPoint(Grid.Setting s) {
        TrainingConfig c = s.config();
        try {
            InitPoint.resolve(
                    c.init(),
                    c.framework(),
                    Activations.parse(c.activation()),
                    c.sigmaB(),
                    c.sigmaW());
        } catch (NoEdgeOfChaosException e) {
            if (c.sigmaB() != null) {
                // the user's own --eoc-sigma-b: the solver's message gives the range that works
                throw new IllegalArgumentException(
                        e.getMessage()
                                + " (from --eoc-sigma-b "
                                + c.activation()
                                + "="
                                + CommandSupport.number(c.sigmaB())
                                + ")",
                        e);
            }
            throw new IllegalArgumentException(
                    e.getMessage()
                            + "; to train it on an (unstable) EOC point anyway, as in the paper's"
                            + " S-Softplus rows, give its sigma_b: --eoc-sigma-b "
                            + c.activation()
                            + "="
                            + SUGGESTED_UNSTABLE_SIGMA_B,
                    e);
        }
    }

    private void checkData(Path data) {
        if (Datasets.MNIST.equals(dataset)) {
            MnistFetcher.ensure(data); // a no-op once installed and intact
        } else {
            Datasets.load(dataset, Split.TEST, data); // fails now, with the fetch command
        }
    }

    private int report(Path outDir, Path data, Provenance provenance, List<String> notes) {
        if (!Files.isDirectory(outDir)) {
            throw new IllegalArgumentException(
                    outDir
                            + " does not exist; train first (./eoc reproduce without --report-only)"
                            + " or give --out DIR holding run directories");
        }
        List<Path> runs = RunData.findUnder(outDir);
        if (runs.isEmpty()) {
            throw new IllegalArgumentException(
                    "no run directory (a folder with run.json) under "
                            + outDir
                            + "; train first (./eoc reproduce without --report-only, or ./eoc"
                            + " train --out "
                            + outDir
                            + "/<framework>-<activation>-<init>)");
        }
        Path target = reportDir != null ? reportDir : outDir;
        Map<String, String> labels = new HashMap<>();
        Function<String, String> label =
                id -> labels.computeIfAbsent(id, i -> DatasetLabel.of(i, data));
        ReproduceReport.Result r =
                ReproduceReport.write(
                        new ReproduceReport.Request(
                                runs,
                                "`"
                                        + outDir.toAbsolutePath().normalize()
                                        + "` ("
                                        + runs.size()
                                        + (runs.size() == 1
                                                ? " run directory)"
                                                : " run directories)"),
                                target,
                                provenance,
                                label,
                                notes));
        PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(
                Locale.ROOT,
                "wrote %s, %s and %d chart(s) for %d setting(s)%n",
                r.markdown(),
                r.csv(),
                r.charts().size(),
                r.settings().size());
        stdout.flush();
        return 0;
    }

    /** After a fatal error: keep what finished reportable, without hiding the error. */
    private void reportWhatExists(Path outDir, Path data, Provenance provenance, Exception cause) {
        try {
            if (Files.isDirectory(outDir) && !RunData.findUnder(outDir).isEmpty()) {
                report(outDir, data, provenance, List.of("stopped early: " + cause.getMessage()));
            }
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void printGrid(
            PrintWriter out, Grid grid, List<Grid.Setting> settings, Path outDir) {
        TrainingConfig p = grid.protocol();
        out.printf(
                Locale.ROOT,
                "reproduce %s: %d setting(s) = %s x %s x %s; depth %d, width %d, SGD lr %s, batch"
                        + " %d, %d epoch(s) x %d seed(s), %s%n",
                p.dataset(),
                settings.size(),
                grid.frameworks().stream().map(Framework::id).toList(),
                grid.activations(),
                grid.inits().stream().map(InitScheme::id).toList(),
                p.depth(),
                p.width(),
                CommandSupport.shortFmt(p.learningRate()),
                p.batch(),
                p.epochs(),
                p.seeds(),
                p.limitTrain() == 0 && p.limitTest() == 0
                        ? "all images"
                        : "first "
                                + p.limitTrain()
                                + " training / "
                                + p.limitTest()
                                + " test"
                                + " images (0 = all)");
        for (Grid.Setting s : settings) {
            List<EpochRecord> done = recorded(s.directory(outDir));
            out.printf(
                    Locale.ROOT,
                    "  %-28s %s (%d of %d epochs recorded)%n",
                    s.directoryName(),
                    s.directory(outDir),
                    done.size(),
                    (long) s.config().epochs() * s.config().seeds());
        }
        out.flush();
    }

    /** Prints the estimate when one can be measured; returns whether it could. */
    private static boolean printEstimate(
            PrintWriter out, List<Grid.Setting> settings, Path outDir) {
        List<List<EpochRecord>> recorded =
                settings.stream().map(s -> recorded(s.directory(outDir))).toList();
        Optional<TimeEstimate> e =
                TimeEstimate.of(settings.stream().map(Grid.Setting::config).toList(), recorded);
        e.ifPresent(t -> out.println(t.describe()));
        out.flush();
        return e.isPresent();
    }

    private static List<EpochRecord> recorded(Path dir) {
        if (!Files.isRegularFile(dir.resolve(RunData.RUN_FILE))) {
            return List.of();
        }
        try {
            return RunData.read(dir).epochs();
        } catch (IllegalArgumentException e) {
            return List.of(); // another run's directory: TrainingRun will say so
        }
    }
}
