package dev.eoc.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads MNIST-style IDX files: {@code idx3-ubyte} images and {@code idx1-ubyte} labels, plain or
 * gzip-compressed (LeCun et al., "The MNIST database", file format section).
 *
 * <p>An image file is a big-endian header {@code 0x00000803, N, rows, cols} followed by {@code
 * N*rows*cols} unsigned bytes; a label file is {@code 0x00000801, N} followed by N bytes. The
 * reader checks the magic numbers, that the dimensions are positive, that the content length is
 * exactly what the header says, that both files hold the same number of examples and that every
 * label names a class. Any violation throws {@link DatasetFormatException}.
 */
public final class IdxReader {
    /** Magic number of an IDX file of unsigned bytes with three dimensions (images). */
    static final int IMAGES_MAGIC = 0x00000803;

    /** Magic number of an IDX file of unsigned bytes with one dimension (labels). */
    static final int LABELS_MAGIC = 0x00000801;

    private static final int IMAGES_HEADER_BYTES = 16;
    private static final int LABELS_HEADER_BYTES = 8;
    private static final Logger LOG = LoggerFactory.getLogger(IdxReader.class);

    private IdxReader() {}

    /**
     * Reads a pair of IDX files into a dataset.
     *
     * @param name display name, e.g. {@code MNIST}
     * @param classNames one name per class in label order; every label must be below its size
     */
    public static ImageDataset read(
            Path imagesFile, Path labelsFile, String name, List<String> classNames) {
        Images images = readImages(imagesFile);
        byte[] labels = readLabels(labelsFile);
        if (images.count() != labels.length) {
            throw new DatasetFormatException(
                    imagesFile,
                    "has "
                            + images.count()
                            + " images but "
                            + labelsFile
                            + " has "
                            + labels.length
                            + " labels; the two files must describe the same examples");
        }
        for (int i = 0; i < labels.length; i++) {
            int label = Byte.toUnsignedInt(labels[i]);
            if (label >= classNames.size()) {
                throw new DatasetFormatException(
                        labelsFile,
                        "label "
                                + label
                                + " at index "
                                + i
                                + " is out of range: expected 0.."
                                + (classNames.size() - 1));
            }
        }
        LOG.debug(
                "read {} {} images of {}x{} from {}",
                images.count(),
                name,
                images.rows(),
                images.cols(),
                imagesFile);
        return ImageDataset.wrap(
                name,
                imagesFile.getFileName() + " + " + labelsFile.getFileName(),
                images.rows(),
                images.cols(),
                1,
                images.pixels(),
                labels,
                classNames);
    }

    /** The content of an idx3-ubyte file. */
    record Images(int count, int rows, int cols, byte[] pixels) {}

    /** Reads and validates an idx3-ubyte image file. */
    static Images readImages(Path file) {
        try (InputStream in = DataFile.open(file)) {
            byte[] header = in.readNBytes(IMAGES_HEADER_BYTES);
            checkMagic(file, header, IMAGES_MAGIC, "IDX image file (unsigned bytes, 3 dimensions)");
            if (header.length < IMAGES_HEADER_BYTES) {
                throw new DatasetFormatException(
                        file,
                        "truncated: expected a "
                                + IMAGES_HEADER_BYTES
                                + "-byte IDX image header, "
                                + DataFile.describeLength(file, header.length));
            }
            ByteBuffer h = ByteBuffer.wrap(header);
            int count = h.getInt(4);
            int rows = h.getInt(8);
            int cols = h.getInt(12);
            if (count <= 0 || rows <= 0 || cols <= 0) {
                throw new DatasetFormatException(
                        file,
                        "bad dimensions: expected positive count, rows and cols, header says "
                                + count
                                + " images of "
                                + rows
                                + "x"
                                + cols);
            }
            long expected = IMAGES_HEADER_BYTES + (long) count * rows * cols;
            String what =
                    "header says "
                            + count
                            + " images of "
                            + rows
                            + "x"
                            + cols
                            + " ("
                            + expected
                            + " bytes)";
            byte[] body = readBody(file, in, header.length, expected, what);
            return new Images(count, rows, cols, body);
        } catch (IOException e) {
            throw DataFile.failure(file, e);
        }
    }

    /** Reads and validates an idx1-ubyte label file; returns the raw label bytes. */
    static byte[] readLabels(Path file) {
        try (InputStream in = DataFile.open(file)) {
            byte[] header = in.readNBytes(LABELS_HEADER_BYTES);
            checkMagic(file, header, LABELS_MAGIC, "IDX label file (unsigned bytes, 1 dimension)");
            if (header.length < LABELS_HEADER_BYTES) {
                throw new DatasetFormatException(
                        file,
                        "truncated: expected an "
                                + LABELS_HEADER_BYTES
                                + "-byte IDX label header, "
                                + DataFile.describeLength(file, header.length));
            }
            int count = ByteBuffer.wrap(header).getInt(4);
            if (count <= 0) {
                throw new DatasetFormatException(
                        file,
                        "bad dimensions: expected a positive label count, header says " + count);
            }
            long expected = LABELS_HEADER_BYTES + (long) count;
            String what = "header says " + count + " labels (" + expected + " bytes)";
            return readBody(file, in, header.length, expected, what);
        } catch (IOException e) {
            throw DataFile.failure(file, e);
        }
    }

    private static void checkMagic(Path file, byte[] header, int magic, String kind) {
        if (header.length < Integer.BYTES) {
            throw new DatasetFormatException(
                    file,
                    "not an "
                            + kind
                            + ": expected magic number "
                            + hex(magic)
                            + ", "
                            + DataFile.describeLength(file, header.length));
        }
        int found = ByteBuffer.wrap(header).getInt(0);
        if (found != magic) {
            String hint =
                    found == IMAGES_MAGIC
                            ? " (an IDX image file)"
                            : found == LABELS_MAGIC ? " (an IDX label file)" : "";
            throw new DatasetFormatException(
                    file,
                    "bad magic number: expected "
                            + hex(magic)
                            + " for an "
                            + kind
                            + ", found "
                            + hex(found)
                            + hint);
        }
    }

    /** Reads exactly {@code expected - headerLength} bytes and checks nothing follows them. */
    private static byte[] readBody(
            Path file, InputStream in, int headerLength, long expected, String what)
            throws IOException {
        long bodyLength = expected - headerLength;
        if (bodyLength > Integer.MAX_VALUE - 8) {
            throw new DatasetFormatException(file, "too large: " + what);
        }
        byte[] body = in.readNBytes((int) bodyLength);
        if (body.length < bodyLength) {
            throw new DatasetFormatException(
                    file,
                    "truncated: "
                            + what
                            + ", "
                            + DataFile.describeLength(file, headerLength + (long) body.length));
        }
        long extra = in.transferTo(OutputStream.nullOutputStream());
        if (extra > 0) {
            throw new DatasetFormatException(
                    file,
                    "unexpected trailing data: "
                            + what
                            + ", "
                            + DataFile.describeLength(file, expected + extra));
        }
        return body;
    }

    private static String hex(int value) {
        return String.format("0x%08x", value);
    }
}
