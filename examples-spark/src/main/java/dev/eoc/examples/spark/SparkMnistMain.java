package dev.eoc.examples.spark;

import dev.eoc.dl4j.spark.IntervalVerdict;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.Split;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.nd4j.linalg.dataset.DataSet;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code scripts/spark/mnist.sh}: trains the example on Spark (EOC, ordered or both), prints each
 * run's accuracy, seconds per epoch and the driver's first and last verdicts, and with {@code
 * --compare-single} the same epoch with DL4J alone on this machine and the ratio.
 */
@Command(
        name = "spark-mnist",
        mixinStandardHelpOptions = true,
        description =
                "Train a tanh MLP on MNIST with DL4J's Spark parameter averaging, eoc's"
                        + " initialization and the driver-side propagation monitor.")
public final class SparkMnistMain implements Callable<Integer> {

    @Option(names = "--master", description = "Spark master URL (default: ${DEFAULT-VALUE}).")
    String master = "local[2]";

    @Option(names = "--init", description = "eoc, ordered or both (default: ${DEFAULT-VALUE}).")
    String init = "both";

    @Option(names = "--depth", description = "Hidden layers (default: ${DEFAULT-VALUE}).")
    int depth = 30;

    @Option(names = "--width", description = "Units per layer (default: ${DEFAULT-VALUE}).")
    int width = 128;

    @Option(names = "--train", description = "Training images (default: ${DEFAULT-VALUE}).")
    int train = 4096;

    @Option(names = "--test", description = "Test images (default: ${DEFAULT-VALUE}).")
    int test = 1000;

    @Option(names = "--batch", description = "Batch per worker (default: ${DEFAULT-VALUE}).")
    int batch = 32;

    @Option(
            names = "--averaging",
            description = "Batches between averages (default: ${DEFAULT-VALUE}).")
    int averaging = 5;

    @Option(
            names = "--interval",
            description = "Iterations between reports (default: ${DEFAULT-VALUE}).")
    int interval = 5;

    @Option(names = "--lr", description = "SGD learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 0.05;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs = 1;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(
            names = "--data-dir",
            description = "Data directory (default: $EOC_DATA_DIR, else ~/.eoc/data).")
    Path dataDir;

    @Option(
            names = "--compare-single",
            description = "Also time one epoch of DL4J alone on the same net and print the ratio.")
    boolean compareSingle;

    @Option(
            names = "--no-monitor",
            description = "Train without the propagation listener (to time what it costs).")
    boolean noMonitor;

    public static void main(String[] args) {
        System.exit(new CommandLine(new SparkMnistMain()).execute(args));
    }

    @Override
    public Integer call() throws IOException {
        if (!List.of("eoc", "ordered", "both").contains(init)) {
            throw new CommandLine.ParameterException(
                    new CommandLine(this),
                    "--init must be eoc, ordered or both, got '" + init + "'");
        }
        SparkMnistOptions eoc =
                new SparkMnistOptions(
                        master,
                        false,
                        depth,
                        width,
                        train,
                        test,
                        batch,
                        averaging,
                        interval,
                        lr,
                        epochs,
                        seed,
                        !noMonitor);
        Path data = DataDirectory.resolve(dataDir);
        ImageDataset trainSet = MnistBatches.load(data, Split.TRAIN, train);
        ImageDataset testSet = MnistBatches.load(data, Split.TEST, test);
        SparkConf conf =
                new SparkConf()
                        .setMaster(master)
                        .setAppName("eoc-spark-mnist")
                        .set("spark.ui.enabled", "false");
        System.out.println(
                "machine: "
                        + cpuModel()
                        + ", "
                        + Runtime.getRuntime().availableProcessors()
                        + " cores");
        try (JavaSparkContext sc = new JavaSparkContext(conf)) {
            for (SparkMnistOptions o :
                    init.equals("both")
                            ? List.of(eoc, eoc.asOrdered())
                            : List.of(init.equals("ordered") ? eoc.asOrdered() : eoc)) {
                double scale = SparkMnist.inputScale(o);
                List<DataSet> trainBatches = MnistBatches.batches(trainSet, batch, scale);
                List<DataSet> testBatches = MnistBatches.batches(testSet, batch, scale);
                SparkMnist.Result r = SparkMnist.train(sc, o, trainBatches, testBatches);
                String name = o.ordered() ? "ordered" : "eoc";
                List<IntervalVerdict> h = r.monitor() == null ? List.of() : r.monitor().history();
                System.out.printf(
                        Locale.ROOT,
                        "%s on %s: test accuracy %.4f, %.1f s per epoch, %d verdicts%n",
                        name,
                        master,
                        r.accuracy(),
                        r.secondsPerEpoch(),
                        h.size());
                if (!h.isEmpty()) {
                    System.out.println("  first: " + h.get(0).line());
                    System.out.println("  last:  " + h.get(h.size() - 1).line());
                }
                if (compareSingle) {
                    double single = SparkMnist.singleMachineSecondsPerEpoch(o, trainBatches);
                    System.out.printf(
                            Locale.ROOT,
                            "  DL4J alone: %.1f s per epoch; Spark %s / alone = %.2f%n",
                            single,
                            master,
                            r.secondsPerEpoch() / single);
                }
            }
        }
        return 0;
    }

    private static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return System.getProperty("os.arch");
        }
        return Files.readAllLines(cpuinfo).stream()
                .filter(l -> l.startsWith("model name"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .findFirst()
                .orElse(System.getProperty("os.arch"));
    }
}
