package dev.eoc.examples.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens data files that may be gzip-compressed, recognising gzip by content, not by name. */
final class DataFile {
    /** First two bytes of every gzip stream (RFC 1952, section 2.3.1). */
    private static final int GZIP_MAGIC_1 = 0x1f;

    private static final int GZIP_MAGIC_2 = 0x8b;
    private static final int BUFFER_SIZE = 1 << 16;

    private DataFile() {}

    /** True when the file starts with the gzip magic bytes 0x1f 0x8b. */
    static boolean isGzip(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.read() == GZIP_MAGIC_1 && in.read() == GZIP_MAGIC_2;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** Opens the file, transparently decompressing it when it is gzip. */
    static InputStream open(Path file) throws IOException {
        InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER_SIZE);
        if (!isGzip(file)) {
            return raw;
        }
        try {
            return new BufferedInputStream(new GZIPInputStream(raw, BUFFER_SIZE), BUFFER_SIZE);
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Reads the whole (decompressed) content. */
    static byte[] readAll(Path file) {
        try (InputStream in = open(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw failure(file, e);
        }
    }

    /**
     * Maps an I/O failure while reading {@code file}: broken gzip data is a format problem, other
     * failures (permissions, disk) stay I/O problems.
     */
    static RuntimeException failure(Path file, IOException e) {
        if (e instanceof ZipException || e instanceof EOFException) {
            return new DatasetFormatException(
                    file,
                    "corrupt or truncated gzip data ("
                            + e.getMessage()
                            + "); delete the file and fetch it again",
                    e);
        }
        return new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }

    /** Describes a byte count of the file's content, saying whether it was decompressed. */
    static String describeLength(Path file, long length) {
        return "file has " + length + " bytes" + (isGzip(file) ? " after gunzip" : "");
    }
}
