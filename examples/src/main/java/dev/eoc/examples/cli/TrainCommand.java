package dev.eoc.examples.cli;

import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.train.Architecture;
import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import dev.eoc.examples.train.TrainingRun;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./eoc train}: trains a deep MLP in DJL or DL4J with the paper's protocol (Hayou, Doucet
 * &amp; Rousseau, ICML 2019, section 5) and writes every finished epoch to {@code --out}; {@code
 * --resume} continues an interrupted run. MNIST is fetched on first use.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        description = {
            "Train a deep MLP (paper protocol: width 300, depth 200, SGD lr 1e-4, batch 64).",
            "Writes per-epoch results (JSON Lines + CSV), per-layer propagation and checkpoints to --out. Inputs are pixel/255 x sqrt(q*) of the init point; all layers, the output layer included, start at that point."
        })
public final class TrainCommand implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Mixin DataOptions dataOptions;

    @Option(
            names = "--framework",
            defaultValue = "djl",
            description = "djl or dl4j (default: ${DEFAULT-VALUE}).")
    String framework;

    @Option(
            names = "--dataset",
            defaultValue = "mnist",
            description = "mnist, fashion-mnist or cifar10 (default: ${DEFAULT-VALUE}).")
    String dataset;

    @Option(
            names = "--activation",
            defaultValue = "tanh",
            paramLabel = "SPEC",
            description = "Activation, e.g. tanh, relu, elu, selu (default: ${DEFAULT-VALUE}).")
    String activation;

    @Option(
            names = "--init",
            defaultValue = "eoc",
            description =
                    "eoc, eoc-bn (BatchNorm before each activation), ordered ((1, 1) unless"
                            + " --sigma-b/--sigma-w) or default (the framework's) (default: ${DEFAULT-VALUE}).")
    String init;

    @Option(
            names = "--sigma-b",
            paramLabel = "SIGMA_B",
            description = "Bias std (eoc: solve sigma_w at this sigma_b; default: recommended).")
    Double sigmaB;

    @Option(
            names = "--sigma-w",
            paramLabel = "SIGMA_W",
            description = "Weight std, --init ordered only (default 1).")
    Double sigmaW;

    @Option(
            names = "--depth",
            description = "Hidden layers (default: 200; 4 convolutions with --arch cnn).")
    Integer depth;

    @Option(
            names = "--width",
            description = "Units per layer (default: 300; 32 filters with --arch cnn).")
    Integer width;

    @Option(
            names = "--epochs",
            defaultValue = "10",
            description = "Epochs per seed (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(
            names = "--batch",
            defaultValue = "64",
            description = "Mini-batch size (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(
            names = "--lr",
            defaultValue = "1e-4",
            description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(
            names = "--seeds",
            defaultValue = "1",
            description = "Independent runs (default: ${DEFAULT-VALUE}).")
    int seeds;

    @Option(
            names = "--first-seed",
            defaultValue = "1",
            description = "Seed of the first run (default: ${DEFAULT-VALUE}).")
    long firstSeed;

    @Option(
            names = "--listener-interval",
            defaultValue = "100",
            paramLabel = "BATCHES",
            description = "Batches between signal-propagation reports (default: ${DEFAULT-VALUE}).")
    int listenerInterval;

    @Mixin ArchitectureOptions architectureOptions;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description =
                    "Output directory (default: runs/DATASET-FRAMEWORK-ACTIVATION-INIT-dDEPTH, with"
                            + " -resmlp for --arch resmlp).")
    Path out;

    @Option(
            names = "--resume",
            description = "Continue the run in --out after its last finished epoch.")
    boolean resume;

    @Override
    public Integer call() {
        CommandSupport.checkOutputDirectory("--out", out);
        TrainingConfig config = config();
        Path dir = dataOptions.directory();
        if (Datasets.MNIST.equals(config.dataset())) {
            MnistFetcher.ensure(dir); // a no-op once installed and intact
        }
        Path outDir = out != null ? out : Path.of("runs", defaultName(config));
        PrintWriter err = spec.commandLine().getErr();
        PrintWriter stdout = spec.commandLine().getOut();
        TrainingRun.Result result;
        try (InterruptHint hint =
                InterruptHint.install(
                        "the finished epochs are in "
                                + outDir
                                + "; run the same command"
                                + (resume ? "" : " with --resume")
                                + " to continue")) {
            result =
                    TrainingRun.of(config, dir, outDir, resume)
                            .run(err, System.console() != null, Provenance.of(commandLine()));
        }
        summarize(stdout, result);
        return 0;
    }

    TrainingConfig config() {
        Architecture architecture = architectureOptions.architecture();
        return new TrainingConfig(
                Framework.parse(framework),
                dataset,
                CommandSupport.activation(activation).spec(),
                InitScheme.parse(init),
                sigmaB,
                sigmaW,
                depth != null ? depth : architecture.defaultDepth(),
                width != null ? width : architecture.defaultWidth(),
                epochs,
                batch,
                lr,
                seeds,
                firstSeed,
                dataOptions.limitTrain,
                dataOptions.limitTest,
                listenerInterval,
                architecture);
    }

    static String defaultName(TrainingConfig c) {
        return String.join(
                        "-",
                        c.dataset(),
                        c.framework().id(),
                        c.activation().replaceAll("[^A-Za-z0-9.]+", "_"),
                        c.init().id(),
                        "d"
                                + c.depth()
                                + (c.architecture().kind() == Architecture.Kind.MLP
                                        ? ""
                                        : "-" + c.architecture().name()))
                .toLowerCase(Locale.ROOT);
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "eoc " + String.join(" ", args);
    }

    private static void summarize(PrintWriter out, TrainingRun.Result r) {
        out.printf(
                Locale.ROOT,
                "init %s: sigma_b = %s, sigma_w = %s, q* = %s, input scale %.6g (%s)%n",
                r.init().scheme().id(),
                r.init().sigmaB(),
                r.init().sigmaW(),
                r.init().neutral()
                        ? "undefined (every q is a fixed point)"
                        : CommandSupport.fmt(r.init().qStar()),
                r.init().inputScale(),
                r.init().source());
        out.printf("%-6s %-6s %-14s %-12s%n", "seed", "epoch", "test_accuracy", "train_loss");
        for (EpochRecord e : r.epochs()) {
            out.printf(
                    Locale.ROOT,
                    "%-6d %-6d %-14.4f %-12.4f%n",
                    e.seed(),
                    e.epoch(),
                    e.testAccuracy(),
                    e.trainLoss());
        }
        out.printf(
                Locale.ROOT,
                "trained %d epoch(s) in this invocation; results in %s (epochs.csv, epochs.jsonl,"
                        + " layers.csv)%n",
                r.trainedEpochs(),
                r.directory());
        out.flush();
    }
}
