package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    private static final List<String> DIGITS =
            List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");

    @TempDir Path dir;

    @Test
    void readsPlainAndGzipIdenticallyRegardlessOfFileName() throws IOException {
        byte[] images = TestData.idxImages(3, 2, 4);
        byte[] labels = TestData.idxLabels(7, 0, 9);
        ImageDataset plain =
                IdxReader.read(
                        TestData.write(dir.resolve("a-images"), images),
                        TestData.write(dir.resolve("a-labels"), labels),
                        "t",
                        DIGITS);
        // gzip is recognised by its magic bytes, so a misleading name does not matter
        ImageDataset gz =
                IdxReader.read(
                        TestData.write(dir.resolve("b-images.raw"), TestData.gzip(images)),
                        TestData.write(dir.resolve("b-labels.gz"), TestData.gzip(labels)),
                        "t",
                        DIGITS);
        for (ImageDataset d : List.of(plain, gz)) {
            assertEquals(3, d.size());
            assertEquals(2, d.rows());
            assertEquals(4, d.cols());
            assertEquals(1, d.channels());
            assertEquals(7, d.label(0));
            assertEquals(9, d.label(2));
            // pixel k of the file is (7k) mod 256; image 1, row 1, col 3 is k = 8 + 4 + 3
            assertEquals((15 * 7) & 0xff, d.pixel(1, 0, 1, 3));
            float[] f = new float[d.featureCount()];
            d.features(2, f, 2.0);
            assertEquals(((16 * 7) & 0xff) / 255.0 * 2.0, f[0], 1e-6);
        }
    }

    @Test
    void badMagicNamesExpectedAndFoundValues() throws IOException {
        Path labelsAsImages = TestData.write(dir.resolve("imgs"), TestData.idxLabels(1, 2));
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class, () -> IdxReader.readImages(labelsAsImages));
        assertEquals(
                labelsAsImages
                        + ": bad magic number: expected 0x00000803 for an IDX image file"
                        + " (unsigned bytes, 3 dimensions), found 0x00000801 (an IDX label file)",
                e.getMessage());
        assertEquals(labelsAsImages, e.file());
    }

    @Test
    void truncatedImagesSayHeaderSizeAndFileSize() throws IOException {
        byte[] full = TestData.idxImages(60000, 28, 28);
        Path file =
                TestData.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(full, 1000));
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));
        assertEquals(
                file
                        + ": truncated: header says 60000 images of 28x28 (47040016 bytes), file"
                        + " has 1000 bytes",
                e.getMessage());
    }

    @Test
    void truncatedGzipContentSaysAfterGunzip() throws IOException {
        byte[] cut = Arrays.copyOf(TestData.idxImages(10, 2, 2), 30);
        Path file = TestData.write(dir.resolve("x.gz"), TestData.gzip(cut));
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "truncated: header says 10 images of 2x2 (56 bytes), file has 30"
                                        + " bytes after gunzip"),
                e.getMessage());
    }

    @Test
    void trailingBytesAreRejected() throws IOException {
        byte[] images = Arrays.copyOf(TestData.idxImages(2, 2, 2), 16 + 8 + 5);
        Path file = TestData.write(dir.resolve("long"), images);
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(
                e.getMessage()
                        .endsWith(
                                "unexpected trailing data: header says 2 images of 2x2 (24"
                                        + " bytes), file has 29 bytes"),
                e.getMessage());
    }

    @Test
    void fileShorterThanMagicIsRejected() throws IOException {
        Path file = TestData.write(dir.resolve("tiny"), new byte[] {0, 0});
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readLabels(file));
        assertTrue(e.getMessage().contains("expected magic number 0x00000801"), e.getMessage());
        assertTrue(e.getMessage().endsWith("file has 2 bytes"), e.getMessage());
    }

    @Test
    void countMismatchNamesBothFiles() throws IOException {
        Path images = TestData.write(dir.resolve("i"), TestData.idxImages(3, 2, 2));
        Path labels = TestData.write(dir.resolve("l"), TestData.idxLabels(1, 2));
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> IdxReader.read(images, labels, "t", DIGITS));
        assertEquals(
                images
                        + ": has 3 images but "
                        + labels
                        + " has 2 labels; the two files must describe the same examples",
                e.getMessage());
    }

    @Test
    void labelOutOfRangeNamesIndexAndRange() throws IOException {
        Path images = TestData.write(dir.resolve("i"), TestData.idxImages(3, 2, 2));
        Path labels = TestData.write(dir.resolve("l"), TestData.idxLabels(1, 10, 2));
        DatasetFormatException e =
                assertThrows(
                        DatasetFormatException.class,
                        () -> IdxReader.read(images, labels, "t", DIGITS));
        assertEquals(
                labels + ": label 10 at index 1 is out of range: expected 0..9", e.getMessage());
    }

    @Test
    void gzipOfGarbageIsAFormatError() throws IOException {
        byte[] garbage = {(byte) 0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7};
        Path file = TestData.write(dir.resolve("garbage"), garbage);
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(
                e.getMessage().startsWith(file + ": corrupt or truncated gzip data ("),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("delete the file and fetch it again"));
    }

    @Test
    void cutGzipStreamIsAFormatError() throws IOException {
        byte[] gz = TestData.gzip(TestData.idxImages(50, 8, 8));
        Path file = TestData.write(dir.resolve("cut.gz"), Arrays.copyOf(gz, gz.length / 2));
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> IdxReader.readImages(file));
        assertTrue(e.getMessage().contains("corrupt or truncated gzip data"), e.getMessage());
    }

    @Test
    void subsetKeepsThePrefix() throws IOException {
        ImageDataset d =
                IdxReader.read(
                        TestData.write(dir.resolve("i"), TestData.idxImages(3, 2, 2)),
                        TestData.write(dir.resolve("l"), TestData.idxLabels(4, 5, 6)),
                        "t",
                        DIGITS);
        ImageDataset two = d.subset(2);
        assertEquals(2, two.size());
        assertEquals(5, two.label(1));
        assertEquals(d.pixel(1, 0, 1, 1), two.pixel(1, 0, 1, 1));
        assertArrayEquals(new int[] {0, 0, 0, 0, 1, 1, 0, 0, 0, 0}, two.classCounts());
        assertSame(d, d.subset(3));
    }
}
