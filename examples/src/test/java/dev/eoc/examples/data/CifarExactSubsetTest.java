package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The byte-identical CIFAR-10 prefixes in {@code shared/datasets/cifar10/exact-subset/}, fetched
 * into a temporary data directory and read back. Expected values were computed with Python from the
 * same files: {@code b = gzip.open(f).read(); labels = b[::3073]}.
 */
class CifarExactSubsetTest {
    private static Path shared;

    @TempDir static Path dataDir;

    @BeforeAll
    static void fetchExactSubset() throws IOException {
        shared =
                DataDirectory.findSharedCifar10(Path.of(System.getProperty("user.dir")))
                        .orElse(null);
        Assumptions.assumeTrue(
                shared != null && Files.isDirectory(shared.resolve("exact-subset")),
                "shared/datasets/cifar10/exact-subset not found beside the project; skipping");
        // Offer only exact-subset/ so the test does not unpack the 60,000-image JPEG tarball.
        Path from = Files.createDirectories(dataDir.resolve("source"));
        Files.createSymbolicLink(
                from.resolve(Cifar10Fetcher.EXACT_SUBSET), shared.resolve("exact-subset"));
        Cifar10Fetcher.fetch(from, dataDir, line -> {});
    }

    @Test
    void trainingPrefixHas4000RecordsWithKnownLabels() {
        ImageDataset d = Datasets.load("cifar10", Split.TRAIN, dataDir);
        assertEquals("CIFAR-10 (exact subset)", d.name());
        assertEquals("data_batch_1.first4000.bin.gz", d.source());
        assertEquals(4000, d.size());
        assertEquals(3 * 32 * 32, d.featureCount());
        assertEquals(CifarReader.CLASS_NAMES, d.classNames());
        // python: list(labels[:10])
        assertEquals(List.of(6, 9, 9, 4, 1, 1, 2, 7, 8, 3), firstLabels(d, 10));
        // python: collections.Counter(labels), in label order
        assertArrayEquals(
                new int[] {396, 366, 420, 384, 422, 393, 414, 385, 407, 413}, d.classCounts());
        // python: b[1], b[1025], b[2049], b[3072] (record 0: R, G, B at (0,0) and B at (31,31))
        assertEquals(59, d.pixel(0, 0, 0, 0));
        assertEquals(62, d.pixel(0, 1, 0, 0));
        assertEquals(63, d.pixel(0, 2, 0, 0));
        assertEquals(72, d.pixel(0, 2, 31, 31));
    }

    @Test
    void testPrefixHas1000RecordsWithKnownLabels() {
        ImageDataset d = Datasets.load("cifar10", Split.TEST, dataDir);
        assertEquals(1000, d.size());
        assertEquals(List.of(3, 8, 8, 0, 6, 6, 1, 6, 3, 1), firstLabels(d, 10));
        assertArrayEquals(
                new int[] {103, 89, 100, 103, 90, 86, 112, 102, 106, 109}, d.classCounts());
        // python: b[1], b[1025], b[2049], sum(b[1:3073])
        assertEquals(158, d.pixel(0, 0, 0, 0));
        assertEquals(112, d.pixel(0, 1, 0, 0));
        assertEquals(49, d.pixel(0, 2, 0, 0));
        float[] features = new float[d.featureCount()];
        d.features(0, features, 255.0);
        double sum = 0;
        for (float f : features) {
            sum += f;
        }
        // 3072 values of at most 255 in float: each is exact after scaling by 255/255 +- 1 ulp
        assertEquals(332962, sum, 1e-2);
    }

    @Test
    void fetchingAgainChangesNothing() {
        List<String> lines = new ArrayList<>();
        Cifar10Fetcher.fetch(dataDir.resolve("source"), dataDir, lines::add);
        assertTrue(lines.get(0).startsWith("exact CIFAR-10 subset already in"), lines.toString());
    }

    private static List<Integer> firstLabels(ImageDataset d, int n) {
        List<Integer> labels = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            labels.add(d.label(i));
        }
        return labels;
    }
}
