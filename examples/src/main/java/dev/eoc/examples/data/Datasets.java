package dev.eoc.examples.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the datasets of the paper's experiments by name from the data directory.
 *
 * <p>Layout under the data directory (see {@link DataDirectory}): {@code mnist/} and {@code
 * fashion-mnist/} hold the four IDX files under their standard names, plain or {@code .gz}; {@code
 * cifar10/} holds the official binaries {@code data_batch_*.bin[.gz]} and {@code
 * test_batch*.bin[.gz]} (with an optional {@code batches.meta.txt}), or else the image folder
 * {@code jpeg/{train,test}/<class>/*.jpg}. The full official binaries win; the full JPEG copy comes
 * next (it is lossy and named {@value #CIFAR10_JPEG_NAME} so results say so); binaries with fewer
 * images than the official split (such as the exact subset) come last, named {@value
 * #CIFAR10_SUBSET_NAME}. When the files are missing, {@link DatasetNotFoundException} gives the
 * {@code ./eoc fetch-data} command to run.
 */
public final class Datasets {
    /** Name of MNIST for {@link #load}. */
    public static final String MNIST = "mnist";

    /** Name of Fashion-MNIST for {@link #load}. */
    public static final String FASHION_MNIST = "fashion-mnist";

    /** Name of CIFAR-10 for {@link #load}. */
    public static final String CIFAR10 = "cifar10";

    /** The names {@link #load} accepts. */
    public static final List<String> NAMES = List.of(MNIST, FASHION_MNIST, CIFAR10);

    /** Display name of CIFAR-10 read from the full official binaries. */
    public static final String CIFAR10_NAME = "CIFAR-10";

    /** Display name of CIFAR-10 read from fewer records than the official batches hold. */
    public static final String CIFAR10_SUBSET_NAME = "CIFAR-10 (exact subset)";

    /** Display name of CIFAR-10 read from the lossy JPEG copy. */
    public static final String CIFAR10_JPEG_NAME = "CIFAR-10 (JPEG copy)";

    /** Official CIFAR-10 sizes: five batches of 10,000 for training, 10,000 for testing. */
    private static final int CIFAR10_TRAIN_SIZE = 50_000;

    private static final int CIFAR10_TEST_SIZE = 10_000;

    private static final List<String> DIGITS =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    /** Fashion-MNIST class names in label order (Xiao et al. 2017, table 1). */
    private static final List<String> FASHION_CLASSES =
            List.of(
                    "T-shirt/top",
                    "Trouser",
                    "Pullover",
                    "Dress",
                    "Coat",
                    "Sandal",
                    "Shirt",
                    "Sneaker",
                    "Bag",
                    "Ankle boot");

    private static final Pattern CIFAR_TRAIN = Pattern.compile("data_batch_.*\\.bin(\\.gz)?");
    private static final Pattern CIFAR_TEST = Pattern.compile("test_batch.*\\.bin(\\.gz)?");
    private static final Logger LOG = LoggerFactory.getLogger(Datasets.class);

    private Datasets() {}

    /**
     * Loads one split of a dataset.
     *
     * @param name {@code mnist}, {@code fashion-mnist} or {@code cifar10}
     * @param dataDir the data directory, usually from {@link DataDirectory#resolve(Path)}
     * @throws DatasetNotFoundException when the files are missing; the message names the fetch
     *     command
     * @throws DatasetFormatException when a file is malformed
     */
    public static ImageDataset load(String name, Split split, Path dataDir) {
        ImageDataset dataset =
                switch (name) {
                    case MNIST -> loadIdx(MNIST, "MNIST", DIGITS, split, dataDir);
                    case FASHION_MNIST ->
                            loadIdx(
                                    FASHION_MNIST,
                                    "Fashion-MNIST",
                                    FASHION_CLASSES,
                                    split,
                                    dataDir);
                    case CIFAR10 -> loadCifar10(split, dataDir);
                    default ->
                            throw new IllegalArgumentException(
                                    "unknown dataset '" + name + "'; expected one of " + NAMES);
                };
        LOG.info("loaded {} {}", split.id(), dataset);
        return dataset;
    }

    /**
     * The command that fetches {@code name} into {@code dataDir}; {@code --data-dir} is added only
     * when {@code dataDir} is not the one the tool would use anyway.
     */
    public static String fetchCommand(String name, Path dataDir) {
        StringBuilder command = new StringBuilder("./eoc fetch-data ").append(name);
        if (!dataDir.toAbsolutePath().normalize().equals(DataDirectory.resolve(null))) {
            command.append(" --data-dir ").append(dataDir);
        }
        if (CIFAR10.equals(name)) {
            Optional<Path> shared =
                    DataDirectory.findSharedCifar10(Path.of(System.getProperty("user.dir")));
            command.append(" --from ")
                    .append(
                            shared.map(Path::toString)
                                    .orElse(
                                            "DIR (a directory with exact-subset/*.bin.gz and/or"
                                                    + " jpeg/cifar10-jpeg.tar.gz)"));
        }
        return command.toString();
    }

    private static ImageDataset loadIdx(
            String name, String displayName, List<String> classes, Split split, Path dataDir) {
        Path dir = dataDir.resolve(name);
        String prefix = split == Split.TRAIN ? "train" : "t10k";
        String images = prefix + "-images-idx3-ubyte";
        String labels = prefix + "-labels-idx1-ubyte";
        Optional<Path> imagesFile = plainOrGzip(dir, images);
        Optional<Path> labelsFile = plainOrGzip(dir, labels);
        if (imagesFile.isEmpty() || labelsFile.isEmpty()) {
            throw new DatasetNotFoundException(
                    displayName
                            + " "
                            + split.id()
                            + " split not found: looked for "
                            + dir.resolve(images)
                            + "[.gz] and "
                            + dir.resolve(labels)
                            + "[.gz]",
                    fetchCommand(name, dataDir));
        }
        return IdxReader.read(imagesFile.get(), labelsFile.get(), displayName, classes);
    }

    private static ImageDataset loadCifar10(Split split, Path dataDir) {
        Path dir = dataDir.resolve(CIFAR10);
        List<Path> batches = cifarBatches(dir, split == Split.TRAIN ? CIFAR_TRAIN : CIFAR_TEST);
        ImageDataset subset = null;
        if (!batches.isEmpty()) {
            Path meta = dir.resolve("batches.meta.txt");
            List<String> classes =
                    Files.isRegularFile(meta)
                            ? CifarReader.readClassNames(meta)
                            : CifarReader.CLASS_NAMES;
            ImageDataset dataset = CifarReader.read(batches, CIFAR10_NAME, classes);
            int official = split == Split.TRAIN ? CIFAR10_TRAIN_SIZE : CIFAR10_TEST_SIZE;
            if (dataset.size() >= official) {
                return dataset;
            }
            subset = dataset.withName(CIFAR10_SUBSET_NAME);
        }
        Path jpegDir = dir.resolve("jpeg").resolve(split.id());
        if (Files.isDirectory(jpegDir)) {
            ImageDataset dataset = ImageFolderReader.read(jpegDir, CIFAR10_JPEG_NAME);
            if (!dataset.classNames().equals(CifarReader.CLASS_NAMES)) {
                throw new DatasetFormatException(
                        jpegDir,
                        "expected the CIFAR-10 class folders "
                                + CifarReader.CLASS_NAMES
                                + ", found "
                                + dataset.classNames());
            }
            return dataset;
        }
        if (subset != null) {
            return subset;
        }
        throw new DatasetNotFoundException(
                "CIFAR-10 "
                        + split.id()
                        + " split not found: looked for "
                        + dir.resolve(split == Split.TRAIN ? "data_batch_*.bin" : "test_batch*.bin")
                        + "[.gz] and "
                        + jpegDir
                        + "/<class>/*.jpg",
                fetchCommand(CIFAR10, dataDir));
    }

    /** Batch files matching {@code pattern}, sorted by name; a plain file hides its .gz twin. */
    private static List<Path> cifarBatches(Path dir, Pattern pattern) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        Map<String, Path> byBase = new LinkedHashMap<>();
        try (Stream<Path> entries = Files.list(dir)) {
            List<Path> matches =
                    entries.filter(Files::isRegularFile)
                            .filter(p -> pattern.matcher(p.getFileName().toString()).matches())
                            .sorted(Comparator.comparing(p -> p.getFileName().toString()))
                            .collect(Collectors.toList());
            for (Path p : matches) {
                String base = p.getFileName().toString().replaceFirst("\\.gz$", "");
                byBase.merge(base, p, (a, b) -> a.toString().endsWith(".gz") ? b : a);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return new ArrayList<>(byBase.values());
    }

    private static Optional<Path> plainOrGzip(Path dir, String fileName) {
        Path plain = dir.resolve(fileName);
        if (Files.isRegularFile(plain)) {
            return Optional.of(plain);
        }
        Path gz = dir.resolve(fileName + ".gz");
        return Files.isRegularFile(gz) ? Optional.of(gz) : Optional.empty();
    }
}
