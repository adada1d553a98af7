package dev.eoc.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the Fashion-MNIST IDX files (Xiao et al. 2017) into {@code <dataDir>/fashion-mnist/}.
 *
 * <p>The files come from the Debian package {@value #APT_PACKAGE}, which puts them in {@code
 * /usr/share/datasets/fashion-mnist/}. When they are not there, the fetcher runs {@code apt-get
 * install -y} itself if the process is root and otherwise says which command to run. The four
 * {@code .gz} files are copied unchanged after their content MD5 has been checked.
 */
public final class FashionMnistFetcher {
    /** The Debian package that ships the files. */
    public static final String APT_PACKAGE = "dataset-fashion-mnist";

    /** Where {@value #APT_PACKAGE} installs the files. */
    public static final Path SYSTEM_DIR = Path.of("/usr/share/datasets/fashion-mnist");

    /** Folder inside the data directory. */
    public static final String FOLDER = Datasets.FASHION_MNIST;

    /**
     * MD5s of the IDX content after gunzip, computed with {@code zcat FILE | md5sum} on the files
     * of Debian's {@value #APT_PACKAGE} 0.0~git20200523.55506a9-1 (file names from {@code dpkg
     * -L}). Debian recompressed the upstream .gz files, so the .gz bytes differ from upstream but
     * the content does not.
     */
    static final List<ExpectedFile> FILES =
            List.of(
                    gz("train-images-idx3-ubyte.gz", "f4a8712d7a061bf5bd6d2ca38dc4d50a"),
                    gz("train-labels-idx1-ubyte.gz", "9018921c3c673c538a1fc5bad174d6f9"),
                    gz("t10k-images-idx3-ubyte.gz", "8181f5470baa50b63fa0f6fddb340f0a"),
                    gz("t10k-labels-idx1-ubyte.gz", "15d484375f8d13e6eb1aabb0c3f46965"));

    private static final Duration APT_TIMEOUT = Duration.ofMinutes(15);
    private static final String INSTALL_COMMAND = "sudo apt-get install -y " + APT_PACKAGE;
    private static final Logger LOG = LoggerFactory.getLogger(FashionMnistFetcher.class);

    private FashionMnistFetcher() {}

    private static ExpectedFile gz(String name, String contentMd5) {
        return new ExpectedFile(name, name, contentMd5);
    }

    /** As {@link #ensure(Path, Consumer)}, reporting progress to the log. */
    public static Path ensure(Path dataDir) {
        return ensure(dataDir, LOG::info);
    }

    /**
     * Makes sure {@code <dataDir>/fashion-mnist/} holds the four intact files, installing the
     * Debian package first if needed and allowed.
     *
     * @return the {@code fashion-mnist} folder
     * @throws DatasetFetchException when the package is missing and cannot be installed, or a
     *     checksum does not match; the message gives the command to run
     */
    public static Path ensure(Path dataDir, Consumer<String> progress) {
        return ensure(dataDir, SYSTEM_DIR, isRoot(), progress);
    }

    static Path ensure(
            Path dataDir, Path systemDir, boolean mayInstall, Consumer<String> progress) {
        Path target = dataDir.resolve(FOLDER);
        if (Fetching.allPresent(target, FILES)) {
            progress.accept(
                    "Fashion-MNIST is already in " + target + " (MD5s verified); nothing to do");
            return target;
        }
        try {
            if (!allExist(systemDir)) {
                if (!mayInstall) {
                    throw new DatasetFetchException(
                            "Fashion-MNIST comes from the Debian package "
                                    + APT_PACKAGE
                                    + ", which is not installed ("
                                    + systemDir
                                    + " lacks the files). Install it with: "
                                    + INSTALL_COMMAND
                                    + " -- then run ./eoc fetch-data fashion-mnist again");
                }
                aptInstall(progress);
            }
            for (ExpectedFile file : FILES) {
                Path source = systemDir.resolve(file.sourceName());
                try (InputStream in = Files.newInputStream(source)) {
                    Fetching.installVerified(in, target.resolve(file.targetName()), file, source);
                }
                progress.accept("  " + file.targetName() + " (MD5 ok)");
            }
        } catch (IOException e) {
            throw new DatasetFetchException(
                    "copying Fashion-MNIST into " + target + " failed: " + e.getMessage(), e);
        }
        progress.accept("Fashion-MNIST installed in " + target);
        return target;
    }

    private static boolean allExist(Path systemDir) {
        return FILES.stream().allMatch(f -> Files.isRegularFile(systemDir.resolve(f.sourceName())));
    }

    private static void aptInstall(Consumer<String> progress) throws IOException {
        progress.accept("installing the Debian package " + APT_PACKAGE + " (about 30 MB)...");
        List<String> install = List.of("apt-get", "install", "-y", APT_PACKAGE);
        Map<String, String> env = Map.of("DEBIAN_FRONTEND", "noninteractive");
        Path cwd = Path.of(System.getProperty("java.io.tmpdir"));
        ExternalCommand.Result result;
        try {
            result = ExternalCommand.run(install, cwd, env, APT_TIMEOUT);
            if (result.exitCode() != 0) {
                // A fresh machine often has empty package lists; refresh them once and retry.
                progress.accept("apt-get install failed; running apt-get update and retrying...");
                ExternalCommand.run(List.of("apt-get", "update"), cwd, env, APT_TIMEOUT);
                result = ExternalCommand.run(install, cwd, env, APT_TIMEOUT);
            }
        } catch (IOException e) {
            throw new DatasetFetchException(
                    "apt-get is needed to install "
                            + APT_PACKAGE
                            + " but could not be run ("
                            + e.getMessage()
                            + "); on a system without apt, copy the four Fashion-MNIST"
                            + " *-ubyte.gz files into "
                            + SYSTEM_DIR,
                    e);
        }
        if (result.exitCode() != 0) {
            throw new DatasetFetchException(
                    "apt-get install -y "
                            + APT_PACKAGE
                            + " failed with exit code "
                            + result.exitCode()
                            + ". apt-get said:\n"
                            + result.tail());
        }
    }

    /** True when this process runs as root, so that it may call apt-get itself. */
    static boolean isRoot() {
        try {
            // /proc/self belongs to the process's effective user on Linux.
            Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
            return Integer.valueOf(0).equals(uid);
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }
}
