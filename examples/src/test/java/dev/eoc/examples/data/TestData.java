package dev.eoc.examples.data;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

/** Builds small synthetic dataset files for the reader tests. */
final class TestData {
    private TestData() {}

    /** An idx3-ubyte image file: header plus pixel i*... = (image * 7 + k) mod 256. */
    static byte[] idxImages(int count, int rows, int cols) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * rows * cols);
        b.putInt(IdxReader.IMAGES_MAGIC).putInt(count).putInt(rows).putInt(cols);
        for (int k = 0; k < count * rows * cols; k++) {
            b.put((byte) (k * 7));
        }
        return b.array();
    }

    /** An idx1-ubyte label file with the given labels. */
    static byte[] idxLabels(int... labels) {
        ByteBuffer b = ByteBuffer.allocate(8 + labels.length);
        b.putInt(IdxReader.LABELS_MAGIC).putInt(labels.length);
        for (int label : labels) {
            b.put((byte) label);
        }
        return b.array();
    }

    /** CIFAR records with the given labels; pixel k of record r is (r + k) mod 256. */
    static byte[] cifarRecords(int... labels) {
        byte[] out = new byte[labels.length * CifarReader.RECORD_BYTES];
        for (int r = 0; r < labels.length; r++) {
            int offset = r * CifarReader.RECORD_BYTES;
            out[offset] = (byte) labels[r];
            for (int k = 1; k < CifarReader.RECORD_BYTES; k++) {
                out[offset + k] = (byte) (r + k - 1);
            }
        }
        return out;
    }

    static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = new GZIPOutputStream(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }
}
