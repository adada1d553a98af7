package dev.eoc.examples.cli;

import dev.eoc.examples.data.DataDirectory;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --data-dir} and {@code --limit-train}/{@code --limit-test} options of the training
 * commands (a picocli mixin).
 */
final class DataOptions {

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory (default: $EOC_DATA_DIR, else ~/.eoc/data).")
    Path dataDir;

    @Option(
            names = "--limit-train",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Use the first N training images (0 = all); of a dataset stored class by"
                            + " class (the CIFAR-10 JPEG copy), N taken from the classes in turn.")
    int limitTrain;

    @Option(
            names = "--limit-test",
            defaultValue = "0",
            paramLabel = "N",
            description =
                    "Evaluate on the first N test images (0 = all); of a dataset stored class by"
                            + " class, N taken from the classes in turn.")
    int limitTest;

    /** The data directory: {@code --data-dir}, else {@code $EOC_DATA_DIR}, else the default. */
    Path directory() {
        return DataDirectory.resolve(dataDir);
    }
}
