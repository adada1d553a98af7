package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    /**
     * JPEG is lossy; a flat colour survives baseline compression within a few levels per channel
     * (chroma subsampling of a flat block is exact, quantisation rounding is not).
     */
    private static final int JPEG_TOLERANCE = 4;

    @TempDir Path root;

    static Path image(Path file, int width, int height, Color colour) throws IOException {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, colour.getRGB());
            }
        }
        Files.createDirectories(file.getParent());
        String format = file.toString().endsWith(".png") ? "png" : "jpg";
        if (!ImageIO.write(image, format, file.toFile())) {
            throw new IOException("no ImageIO writer for " + format);
        }
        return file;
    }

    @Test
    void classFoldersSortedByNameAreTheLabels() throws IOException {
        Path train = root.resolve("train");
        image(train.resolve("cat/0000.jpg"), 8, 6, new Color(200, 30, 40));
        image(train.resolve("airplane/0001.jpg"), 8, 6, new Color(10, 220, 90));
        image(train.resolve("airplane/0000.jpg"), 8, 6, new Color(0, 0, 255));
        image(train.resolve("bird/0000.png"), 8, 6, new Color(1, 2, 3));
        Files.writeString(train.resolve("bird/notes.txt"), "not an image");

        ImageDataset d = ImageFolderReader.read(train, "folder");
        assertEquals(List.of("airplane", "bird", "cat"), d.classNames());
        assertEquals(4, d.size());
        assertEquals(3, d.channels());
        assertEquals(6, d.rows());
        assertEquals(8, d.cols());
        assertEquals(List.of(0, 0, 1, 2), List.of(d.label(0), d.label(1), d.label(2), d.label(3)));
        // airplane/0000.jpg (blue) comes before airplane/0001.jpg (green)
        assertNear(0, d.pixel(0, 0, 5, 7));
        assertNear(255, d.pixel(0, 2, 0, 0));
        assertNear(220, d.pixel(1, 1, 3, 3));
        // PNG is lossless, so the bird is exact in every plane (C*H*W: R, G, B)
        assertEquals(1, d.pixel(2, 0, 2, 2));
        assertEquals(2, d.pixel(2, 1, 2, 2));
        assertEquals(3, d.pixel(2, 2, 2, 2));
        assertNear(200, d.pixel(3, 0, 0, 0));
        assertNear(40, d.pixel(3, 2, 0, 0));
    }

    @Test
    void differentSizeNamesTheOffendingFile() throws IOException {
        image(root.resolve("a/0.jpg"), 8, 8, Color.RED);
        image(root.resolve("a/1.jpg"), 8, 8, Color.RED);
        Path odd = image(root.resolve("b/0.jpg"), 9, 8, Color.RED);
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> ImageFolderReader.read(root, "x"));
        assertEquals(
                odd
                        + ": image is 9x8 but "
                        + root.resolve("a/0.jpg")
                        + " is 8x8; all images must have the same size",
                e.getMessage());
    }

    @Test
    void undecodableImageIsNamed() throws IOException {
        image(root.resolve("a/0.jpg"), 4, 4, Color.RED);
        Path bad = TestData.write(root.resolve("a/1.jpg"), new byte[] {1, 2, 3, 4});
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> ImageFolderReader.read(root, "x"));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
    }

    @Test
    void folderWithoutClassesIsRejected() {
        DatasetFormatException e =
                assertThrows(DatasetFormatException.class, () -> ImageFolderReader.read(root, "x"));
        assertEquals(root + ": expected one sub-directory per class, found none", e.getMessage());
    }

    private static void assertNear(int expected, int actual) {
        assertTrue(
                Math.abs(expected - actual) <= JPEG_TOLERANCE,
                "expected " + expected + " +- " + JPEG_TOLERANCE + ", got " + actual);
    }
}
