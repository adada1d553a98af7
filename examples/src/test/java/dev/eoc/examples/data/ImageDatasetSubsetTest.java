package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code --limit-train N} on a dataset stored class by class (the CIFAR-10 JPEG copy) took the
 * first N images, all of one class: a run on 2000 images reported 100% test accuracy. A subset now
 * takes the classes in turn when the prefix misses some.
 */
class ImageDatasetSubsetTest {

    private static final List<String> CLASSES = List.of("a", "b", "c");

    /** One 1x1 image per label, its pixel = its index (so the picked images can be named). */
    private static ImageDataset of(byte... labels) {
        byte[] pixels = new byte[labels.length];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) i;
        }
        return ImageDataset.of("t", "test", 1, 1, 1, pixels, labels, CLASSES);
    }

    @Test
    void aDatasetStoredClassByClassGivesTheClassesInTurn() {
        ImageDataset grouped = of((byte) 0, (byte) 0, (byte) 0, (byte) 1, (byte) 1, (byte) 2);
        ImageDataset four = grouped.subset(4);
        assertArrayEquals(
                new int[] {2, 1, 1}, new int[] {count(four, 0), count(four, 1), count(four, 2)});
        // image k of every class before image k + 1 of any, each class in stored order
        assertEquals(0, four.pixel(0, 0, 0, 0));
        assertEquals(3, four.pixel(1, 0, 0, 0));
        assertEquals(5, four.pixel(2, 0, 0, 0));
        assertEquals(1, four.pixel(3, 0, 0, 0));
    }

    @Test
    void aMixedDatasetKeepsItsFirstImages() {
        ImageDataset mixed = of((byte) 0, (byte) 1, (byte) 2, (byte) 0, (byte) 1, (byte) 2);
        ImageDataset four = mixed.subset(4);
        for (int i = 0; i < 4; i++) {
            assertEquals(i, four.pixel(i, 0, 0, 0));
        }
    }

    private static int count(ImageDataset d, int label) {
        int n = 0;
        for (int i = 0; i < d.size(); i++) {
            n += d.label(i) == label ? 1 : 0;
        }
        return n;
    }
}
