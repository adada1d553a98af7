package dev.eoc.examples.data;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Installs CIFAR-10 (Krizhevsky 2009) into {@code <dataDir>/cifar10/} from a local source directory
 * laid out like the project's {@code shared/datasets/cifar10}.
 *
 * <p>{@code exact-subset/} holds byte-identical prefixes of the official binary batches; they are
 * copied under their own names after their content MD5 has been checked. {@code
 * jpeg/cifar10-jpeg.tar.gz} holds a lossy JPEG copy of all 60,000 images; it is checked and
 * unpacked into {@code cifar10/jpeg/}. Either part may be absent. The checksums are those of the
 * source directory's README.
 */
public final class Cifar10Fetcher {
    /** Folder inside the data directory. */
    public static final String FOLDER = Datasets.CIFAR10;

    /** Sub-directory of the source with the exact binary prefixes. */
    static final String EXACT_SUBSET = "exact-subset";

    /** Path of the JPEG tarball inside the source. */
    static final String JPEG_TARBALL = "jpeg/cifar10-jpeg.tar.gz";

    /** MD5 of {@value #JPEG_TARBALL} (the .tar.gz bytes), from the source README. */
    static final String JPEG_TARBALL_MD5 = "a55be721691f41bcdf5a5f2c4bdc9505";

    /** Content MD5s (after gunzip) of the exact-subset files, from the source README. */
    static final List<ExpectedFile> EXACT_FILES =
            List.of(
                    same("data_batch_1.first4000.bin.gz", "07704ae233cc40e200a600eed4f4e13c"),
                    same("test_batch.first1000.bin.gz", "371f65da31ad652f5e24b3699a3e6515"),
                    same("batches.meta.txt", "40a0b180e208fe03a63ecc891b2555ad"));

    private Cifar10Fetcher() {}

    private static ExpectedFile same(String name, String contentMd5) {
        return new ExpectedFile(name, name, contentMd5);
    }

    /**
     * Copies what {@code from} offers into {@code <dataDir>/cifar10/}; parts already installed are
     * left alone.
     *
     * @param from a directory with {@code exact-subset/} and/or {@value #JPEG_TARBALL}
     * @return the {@code cifar10} folder
     * @throws DatasetFetchException when {@code from} has neither part or a checksum fails
     */
    public static Path fetch(Path from, Path dataDir, Consumer<String> progress) {
        Path target = dataDir.resolve(FOLDER);
        Path exact = from.resolve(EXACT_SUBSET);
        Path tarball = from.resolve(JPEG_TARBALL);
        boolean hasExact = Files.isDirectory(exact);
        boolean hasJpeg = Files.isRegularFile(tarball);
        if (!hasExact && !hasJpeg) {
            throw new DatasetFetchException(
                    from
                            + " does not look like a CIFAR-10 source: expected "
                            + exact
                            + "/{"
                            + EXACT_FILES.stream()
                                    .map(ExpectedFile::sourceName)
                                    .collect(Collectors.joining(","))
                            + "} and/or "
                            + tarball);
        }
        try {
            if (hasExact) {
                copyExact(exact, target, progress);
            }
            if (hasJpeg) {
                extractJpeg(tarball, target.resolve("jpeg"), progress);
            }
        } catch (IOException e) {
            throw new DatasetFetchException(
                    "installing CIFAR-10 into " + target + " failed: " + e.getMessage(), e);
        }
        progress.accept("CIFAR-10 installed in " + target);
        return target;
    }

    private static void copyExact(Path exact, Path target, Consumer<String> progress)
            throws IOException {
        if (Fetching.allPresent(target, EXACT_FILES)) {
            progress.accept("exact CIFAR-10 subset already in " + target + " (MD5s verified)");
            return;
        }
        progress.accept("copying the exact CIFAR-10 subset from " + exact + "...");
        for (ExpectedFile file : EXACT_FILES) {
            Path source = exact.resolve(file.sourceName());
            if (!Files.isRegularFile(source)) {
                throw new DatasetFetchException(source + " is missing");
            }
            try (InputStream in = Files.newInputStream(source)) {
                Fetching.installVerified(in, target.resolve(file.targetName()), file, source);
            }
            progress.accept("  " + file.targetName() + " (MD5 ok)");
        }
    }

    /**
     * Unpacks the tarball into a hidden temporary directory beside {@code jpegDir} and renames it
     * into place only after the tarball's MD5 has been confirmed, so {@code jpegDir} is either
     * absent or complete.
     */
    private static void extractJpeg(Path tarball, Path jpegDir, Consumer<String> progress)
            throws IOException {
        if (Files.isDirectory(jpegDir.resolve(Split.TRAIN.id()))
                && Files.isDirectory(jpegDir.resolve(Split.TEST.id()))) {
            progress.accept("CIFAR-10 JPEG copy already in " + jpegDir + "; nothing to do");
            return;
        }
        if (Files.exists(jpegDir)) {
            throw new DatasetFetchException(
                    jpegDir + " exists but lacks train/ or test/; remove it and fetch again");
        }
        Path parent = jpegDir.getParent();
        Files.createDirectories(parent);
        deleteStaleTemporaries(parent);
        progress.accept("unpacking " + tarball + " (60,000 JPEGs)...");
        Path temp = Files.createTempDirectory(parent, ".jpeg-");
        try {
            MessageDigest digest = FileUtil.newMd5();
            int[] count = {0};
            try (InputStream raw = new DigestInputStream(Files.newInputStream(tarball), digest);
                    InputStream tar = new GZIPInputStream(new BufferedInputStream(raw, 1 << 16))) {
                TarReader.forEachFile(
                        tar,
                        tarball,
                        (name, size, content) -> {
                            Path out = safeResolve(temp, name, tarball);
                            Files.createDirectories(out.getParent());
                            Files.copy(content, out);
                            count[0]++;
                        });
                tar.transferTo(OutputStream.nullOutputStream()); // digest the whole file
            }
            String md5 = HexFormat.of().formatHex(digest.digest());
            if (!md5.equals(JPEG_TARBALL_MD5)) {
                throw new DatasetFetchException(
                        "checksum mismatch for "
                                + tarball
                                + ": expected MD5 "
                                + JPEG_TARBALL_MD5
                                + ", found "
                                + md5
                                + "; nothing was installed");
            }
            FileUtil.makeWorldReadable(temp);
            FileUtil.moveAtomically(temp, jpegDir);
            progress.accept("  " + count[0] + " images in " + jpegDir + " (MD5 of tarball ok)");
        } finally {
            FileUtil.deleteRecursively(temp);
        }
    }

    /** Resolves an archive member below {@code root}, refusing absolute paths and "..". */
    static Path safeResolve(Path root, String member, Path archive) {
        Path out = root.resolve(member).normalize();
        if (Path.of(member).isAbsolute() || !out.startsWith(root) || out.equals(root)) {
            throw new DatasetFormatException(
                    archive, "unsafe member name '" + member + "': must stay inside the archive");
        }
        return out;
    }

    private static void deleteStaleTemporaries(Path parent) throws IOException {
        try (Stream<Path> entries = Files.list(parent)) {
            for (Path p : entries.collect(Collectors.toList())) {
                if (p.getFileName().toString().startsWith(".jpeg-")) {
                    FileUtil.deleteRecursively(p);
                }
            }
        }
    }
}
