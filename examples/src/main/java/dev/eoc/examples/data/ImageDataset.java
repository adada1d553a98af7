package dev.eoc.examples.data;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * An immutable in-memory set of labelled images with unsigned 8-bit pixels.
 *
 * <p>Pixels are stored example by example in channel-major order, {@code N x C x H x W}, which is
 * the CIFAR-10 binary layout; MNIST has {@code C = 1}. {@link #features(int, float[], double)}
 * writes {@code pixel / 255 * scale} in that order, so a flattened input of length {@link
 * #featureCount()}.
 *
 * <p>This is a final class rather than a record because a record over arrays would expose them
 * through its accessors and compare them by identity; here the arrays never leave the object.
 */
public final class ImageDataset {
    /** The largest pixel value, used to map bytes to [0, 1]. */
    private static final double MAX_PIXEL = 255.0;

    private final String name;
    private final String source;
    private final int rows;
    private final int cols;
    private final int channels;
    private final byte[] pixels;
    private final byte[] labels;
    private final List<String> classNames;

    private ImageDataset(
            String name,
            String source,
            int rows,
            int cols,
            int channels,
            byte[] pixels,
            byte[] labels,
            List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name");
        this.source = Objects.requireNonNull(source, "source");
        if (rows <= 0 || cols <= 0 || channels <= 0) {
            throw new IllegalArgumentException(
                    "image shape must be positive, got " + channels + "x" + rows + "x" + cols);
        }
        this.classNames = List.copyOf(classNames);
        if (this.classNames.isEmpty() || this.classNames.size() > 256) {
            throw new IllegalArgumentException(
                    "need 1..256 class names, got " + this.classNames.size());
        }
        long perImage = (long) rows * cols * channels;
        if (pixels.length != labels.length * perImage) {
            throw new IllegalArgumentException(
                    "pixels.length "
                            + pixels.length
                            + " != "
                            + labels.length
                            + " labels x "
                            + perImage
                            + " pixels per image");
        }
        for (int i = 0; i < labels.length; i++) {
            if (Byte.toUnsignedInt(labels[i]) >= this.classNames.size()) {
                throw new IllegalArgumentException(
                        "label "
                                + Byte.toUnsignedInt(labels[i])
                                + " of example "
                                + i
                                + " is not below the class count "
                                + this.classNames.size());
            }
        }
        this.rows = rows;
        this.cols = cols;
        this.channels = channels;
        this.pixels = pixels;
        this.labels = labels;
    }

    /**
     * Creates a dataset, copying the arrays.
     *
     * @param name display name recorded in results, e.g. {@code "CIFAR-10 (JPEG copy)"}
     * @param source where the data came from (files), for provenance
     * @param pixels {@code N*C*H*W} unsigned bytes, channel-major per image
     * @param labels {@code N} unsigned labels, each below {@code classNames.size()}
     * @param classNames one name per class, in label order
     */
    public static ImageDataset of(
            String name,
            String source,
            int rows,
            int cols,
            int channels,
            byte[] pixels,
            byte[] labels,
            List<String> classNames) {
        return new ImageDataset(
                name, source, rows, cols, channels, pixels.clone(), labels.clone(), classNames);
    }

    /** As {@link #of}, but takes ownership of the arrays; readers use it to avoid a copy. */
    static ImageDataset wrap(
            String name,
            String source,
            int rows,
            int cols,
            int channels,
            byte[] pixels,
            byte[] labels,
            List<String> classNames) {
        return new ImageDataset(name, source, rows, cols, channels, pixels, labels, classNames);
    }

    /** The same data under another display name; the arrays are shared, both being immutable. */
    ImageDataset withName(String newName) {
        return new ImageDataset(newName, source, rows, cols, channels, pixels, labels, classNames);
    }

    /** Display name, e.g. {@code MNIST} or {@code CIFAR-10 (JPEG copy)}. */
    public String name() {
        return name;
    }

    /** Where the data was read from (file names), for provenance. */
    public String source() {
        return source;
    }

    /** Image height H. */
    public int rows() {
        return rows;
    }

    /** Image width W. */
    public int cols() {
        return cols;
    }

    /** Channels per pixel C: 1 for MNIST, 3 (RGB) for CIFAR-10. */
    public int channels() {
        return channels;
    }

    /** Number of examples N. */
    public int size() {
        return labels.length;
    }

    /** Number of classes; labels are {@code 0 .. classCount() - 1}. */
    public int classCount() {
        return classNames.size();
    }

    /** Class names in label order (unmodifiable). */
    public List<String> classNames() {
        return classNames;
    }

    /** Length of one flattened example, {@code C*H*W}. */
    public int featureCount() {
        return channels * rows * cols;
    }

    /** The label of example {@code i}, in {@code 0 .. classCount() - 1}. */
    public int label(int i) {
        return Byte.toUnsignedInt(labels[Objects.checkIndex(i, labels.length)]);
    }

    /** The raw pixel value 0..255 of example {@code i} at channel {@code c}, row y, column x. */
    public int pixel(int i, int c, int y, int x) {
        Objects.checkIndex(i, labels.length);
        Objects.checkIndex(c, channels);
        Objects.checkIndex(y, rows);
        Objects.checkIndex(x, cols);
        return Byte.toUnsignedInt(pixels[((i * channels + c) * rows + y) * cols + x]);
    }

    /**
     * Writes example {@code i} flattened in C*H*W order as {@code pixel / 255 * scale} into {@code
     * out[0 .. featureCount())}.
     */
    public void features(int i, float[] out, double scale) {
        Objects.checkIndex(i, labels.length);
        int n = featureCount();
        if (out.length < n) {
            throw new IllegalArgumentException("out has length " + out.length + ", need " + n);
        }
        double factor = scale / MAX_PIXEL;
        int offset = i * n;
        for (int k = 0; k < n; k++) {
            out[k] = (float) (Byte.toUnsignedInt(pixels[offset + k]) * factor);
        }
    }

    /** Number of examples per class, indexed by label. */
    public int[] classCounts() {
        int[] counts = new int[classCount()];
        for (byte label : labels) {
            counts[Byte.toUnsignedInt(label)]++;
        }
        return counts;
    }

    /**
     * The first {@code limit} images (all when {@code limit} &gt;= size), or, when those miss
     * classes that the dataset has (a dataset stored class by class, like the CIFAR-10 JPEG copy,
     * whose first 2000 images are all airplanes), {@code limit} images taken from the classes in
     * turn, each class's in their stored order: image k of every class before image k + 1 of any.
     * Either way deterministic, and a limited run sees every class.
     *
     * @param limit number of images, &gt;= 0
     */
    public ImageDataset subset(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, got " + limit);
        }
        if (limit >= size()) {
            return this;
        }
        int[] order = coversClasses(limit) ? null : classesInTurn(limit);
        int f = featureCount();
        byte[] px = new byte[limit * f];
        byte[] lb = new byte[limit];
        for (int i = 0; i < limit; i++) {
            int from = order == null ? i : order[i];
            System.arraycopy(pixels, from * f, px, i * f, f);
            lb[i] = labels[from];
        }
        return new ImageDataset(
                name,
                source
                        + (order == null
                                ? " (first " + limit + ")"
                                : " (" + limit + ", the classes in turn)"),
                rows,
                cols,
                channels,
                px,
                lb,
                classNames);
    }

    /** Whether the first {@code n} images hold every class the dataset has. */
    private boolean coversClasses(int n) {
        boolean[] all = new boolean[classNames.size()];
        boolean[] first = new boolean[classNames.size()];
        for (int i = 0; i < labels.length; i++) {
            all[Byte.toUnsignedInt(labels[i])] = true;
            if (i < n) {
                first[Byte.toUnsignedInt(labels[i])] = true;
            }
        }
        return Arrays.equals(all, first);
    }

    /** Indices of {@code n} images, the classes in turn, each in stored order. */
    private int[] classesInTurn(int n) {
        int k = classNames.size();
        int[][] byClass = new int[k][];
        int[] counts = new int[k];
        for (byte l : labels) {
            counts[Byte.toUnsignedInt(l)]++;
        }
        for (int c = 0; c < k; c++) {
            byClass[c] = new int[counts[c]];
        }
        int[] fill = new int[k];
        for (int i = 0; i < labels.length; i++) {
            int c = Byte.toUnsignedInt(labels[i]);
            byClass[c][fill[c]++] = i;
        }
        int[] order = new int[n];
        int taken = 0;
        for (int round = 0; taken < n; round++) {
            for (int c = 0; c < k && taken < n; c++) {
                if (round < byClass[c].length) {
                    order[taken++] = byClass[c][round];
                }
            }
        }
        return order;
    }

    @Override
    public String toString() {
        return name
                + ": "
                + size()
                + " images "
                + channels
                + "x"
                + rows
                + "x"
                + cols
                + ", "
                + classCount()
                + " classes, from "
                + source;
    }
}
