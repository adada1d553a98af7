package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Checks the tar parser against archives written by the system's GNU tar. */
class TarReaderTest {
    @TempDir Path dir;

    /** Longer than the 100-byte name field, yet splittable for ustar's 155-byte prefix. */
    private static final String LONG_NAME =
            "package/data/" + "d".repeat(60) + "/" + "e".repeat(60) + "/file.txt";

    private Path makeArchive(String format) throws IOException, InterruptedException {
        Path src = dir.resolve("src");
        TestData.write(src.resolve("package/data/a.txt"), "alpha".getBytes(StandardCharsets.UTF_8));
        TestData.write(src.resolve("package/empty.txt"), new byte[0]);
        TestData.write(src.resolve(LONG_NAME), new byte[1000]);
        Path archive = dir.resolve(format + ".tgz");
        Process p =
                new ProcessBuilder(
                                "tar",
                                "--format=" + format,
                                "-czf",
                                archive.toString(),
                                "-C",
                                src.toString(),
                                "package")
                        .inheritIO()
                        .start();
        assertEquals(0, p.waitFor(), "tar failed");
        return archive;
    }

    @ParameterizedTest
    @ValueSource(strings = {"gnu", "pax", "ustar"})
    void readsEveryRegularFileWithItsContent(String format) throws Exception {
        Path archive = makeArchive(format);
        Map<String, byte[]> files = new LinkedHashMap<>();
        try (InputStream in = DataFile.open(archive)) {
            TarReader.forEachFile(
                    in,
                    archive,
                    (name, size, content) -> {
                        byte[] bytes = content.readAllBytes();
                        assertEquals(size, bytes.length);
                        files.put(name, bytes);
                    });
        }
        assertEquals(3, files.size(), files.keySet().toString());
        assertEquals("alpha", new String(files.get("package/data/a.txt"), StandardCharsets.UTF_8));
        assertEquals(0, files.get("package/empty.txt").length);
        assertEquals(1000, files.get(LONG_NAME).length);
    }

    @Test
    void corruptHeaderIsReported() throws Exception {
        Path archive = makeArchive("gnu");
        Path plain = dir.resolve("plain.tar");
        byte[] tar;
        try (InputStream in = DataFile.open(archive)) {
            tar = in.readAllBytes();
        }
        tar[0] ^= 0x55; // first name byte: the header checksum no longer matches
        Files.write(plain, tar);
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> {
                            try (InputStream in = DataFile.open(plain)) {
                                TarReader.forEachFile(in, plain, (n, s, c) -> {});
                            }
                        });
        assertTrue(
                e.getMessage().startsWith(plain + ": not a tar archive or corrupt: "),
                e.getMessage());
    }

    @Test
    void membersEscapingTheTargetAreRefused() {
        Path root = dir.resolve("root");
        assertEquals(
                root.resolve("train/cat/0.jpg"),
                Cifar10Fetcher.safeResolve(root, "train/cat/0.jpg", dir));
        for (String bad : List.of("../evil", "/etc/passwd", "a/../../evil")) {
            DatasetFormatException e =
                    assertThrows(
                            DatasetFormatException.class,
                            () -> Cifar10Fetcher.safeResolve(root, bad, dir));
            assertTrue(e.getMessage().contains("unsafe member name '" + bad + "'"));
        }
    }

    @Test
    void jpegTarballWithWrongChecksumInstallsNothing() throws Exception {
        Path src = dir.resolve("src");
        ImageFolderReaderTest.image(src.resolve("train/cat/0000.jpg"), 4, 4, java.awt.Color.RED);
        ImageFolderReaderTest.image(src.resolve("test/cat/0000.jpg"), 4, 4, java.awt.Color.RED);
        Path from = dir.resolve("from");
        Path tarball = Files.createDirectories(from.resolve("jpeg")).resolve("cifar10-jpeg.tar.gz");
        Process p =
                new ProcessBuilder(
                                "tar",
                                "-czf",
                                tarball.toString(),
                                "-C",
                                src.toString(),
                                "train",
                                "test")
                        .inheritIO()
                        .start();
        assertEquals(0, p.waitFor());
        Path data = dir.resolve("data");
        List<String> lines = new ArrayList<>();
        DatasetFetchException e =
                assertThrows(
                        DatasetFetchException.class,
                        () -> Cifar10Fetcher.fetch(from, data, lines::add));
        assertTrue(e.getMessage().contains("checksum mismatch for " + tarball), e.getMessage());
        assertTrue(e.getMessage().endsWith("nothing was installed"), e.getMessage());
        assertFalse(Files.exists(data.resolve("cifar10/jpeg")));
        try (Stream<Path> left = Files.list(data.resolve("cifar10"))) {
            assertEquals(List.of(), left.toList(), "temporary directory left behind");
        }
    }
}
