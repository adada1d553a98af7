package dev.eoc.examples.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads CIFAR-10 binary batches, plain or gzip-compressed (Krizhevsky 2009, "binary version").
 *
 * <p>Each record is {@value #RECORD_BYTES} bytes: one label byte 0..9, then the red, green and blue
 * planes of a 32x32 image, 1024 bytes each, row-major; this is exactly the C*H*W layout of {@link
 * ImageDataset}. A file whose length is not a multiple of the record size, or a label above 9,
 * throws {@link DatasetFormatException}.
 */
public final class CifarReader {
    /** Image side in pixels. */
    public static final int SIDE = 32;

    /** Colour channels (R, G, B planes). */
    public static final int CHANNELS = 3;

    /** Bytes per record: one label byte plus 3 x 32 x 32 pixel bytes. */
    public static final int RECORD_BYTES = 1 + CHANNELS * SIDE * SIDE;

    /** The official class names in label order, as in {@code batches.meta.txt}. */
    public static final List<String> CLASS_NAMES =
            List.of(
                    "airplane",
                    "automobile",
                    "bird",
                    "cat",
                    "deer",
                    "dog",
                    "frog",
                    "horse",
                    "ship",
                    "truck");

    private static final int PIXEL_BYTES = RECORD_BYTES - 1;
    private static final Logger LOG = LoggerFactory.getLogger(CifarReader.class);

    private CifarReader() {}

    /**
     * Reads and concatenates the given batch files in order.
     *
     * @param name display name, e.g. {@code CIFAR-10}
     * @param classNames the class names in label order, usually {@link #CLASS_NAMES}
     */
    public static ImageDataset read(List<Path> files, String name, List<String> classNames) {
        if (files.isEmpty()) {
            throw new IllegalArgumentException("no CIFAR-10 batch files given");
        }
        List<byte[]> contents = new ArrayList<>();
        long records = 0;
        for (Path file : files) {
            byte[] content = readBatch(file, classNames.size());
            contents.add(content);
            records += content.length / RECORD_BYTES;
        }
        if (records * PIXEL_BYTES > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(records + " CIFAR records do not fit in one array");
        }
        byte[] pixels = new byte[(int) records * PIXEL_BYTES];
        byte[] labels = new byte[(int) records];
        int n = 0;
        for (byte[] content : contents) {
            for (int offset = 0; offset < content.length; offset += RECORD_BYTES, n++) {
                labels[n] = content[offset];
                System.arraycopy(content, offset + 1, pixels, n * PIXEL_BYTES, PIXEL_BYTES);
            }
        }
        String source =
                files.stream()
                        .map(f -> f.getFileName().toString())
                        .collect(Collectors.joining(" + "));
        LOG.debug("read {} {} records from {}", records, name, source);
        return ImageDataset.wrap(name, source, SIDE, SIDE, CHANNELS, pixels, labels, classNames);
    }

    /**
     * Reads class names, one per non-blank line, from a {@code batches.meta.txt}; there must be
     * exactly ten.
     */
    public static List<String> readClassNames(Path metaFile) {
        List<String> names;
        try {
            names =
                    Files.readAllLines(metaFile, StandardCharsets.UTF_8).stream()
                            .map(String::strip)
                            .filter(s -> !s.isEmpty())
                            .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + metaFile, e);
        }
        if (names.size() != CLASS_NAMES.size()) {
            throw new DatasetFormatException(
                    metaFile,
                    "expected "
                            + CLASS_NAMES.size()
                            + " class names, one per line, found "
                            + names.size()
                            + ": "
                            + names);
        }
        return List.copyOf(names);
    }

    private static byte[] readBatch(Path file, int classCount) {
        byte[] content = DataFile.readAll(file);
        if (content.length == 0 || content.length % RECORD_BYTES != 0) {
            throw new DatasetFormatException(
                    file,
                    "wrong length: expected a non-zero multiple of the "
                            + RECORD_BYTES
                            + "-byte CIFAR-10 record (1 label byte + 3072 pixel bytes), "
                            + DataFile.describeLength(file, content.length)
                            + " ("
                            + content.length / RECORD_BYTES
                            + " whole records + "
                            + content.length % RECORD_BYTES
                            + " bytes)");
        }
        for (int offset = 0, record = 0;
                offset < content.length;
                offset += RECORD_BYTES, record++) {
            int label = Byte.toUnsignedInt(content[offset]);
            if (label >= classCount) {
                throw new DatasetFormatException(
                        file,
                        "label "
                                + label
                                + " of record "
                                + record
                                + " (byte offset "
                                + offset
                                + ") is out of range: expected 0.."
                                + (classCount - 1));
            }
        }
        return content;
    }
}
