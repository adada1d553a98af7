package dev.eoc.examples.data;

import java.nio.file.Path;

/**
 * A dataset file does not have the expected format.
 *
 * <p>The message always starts with the file, then says what was expected (magic number, size,
 * label range) and what was found, e.g. {@code train-images-idx3-ubyte: truncated: header says
 * 60000 images of 28x28 (47040016 bytes), file has 1000 bytes}.
 */
public final class DatasetFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;

    /** Creates the exception for {@code file}; the message is prefixed with the file. */
    public DatasetFormatException(Path file, String problem) {
        this(file, problem, null);
    }

    /** As {@link #DatasetFormatException(Path, String)}, keeping the low-level cause. */
    public DatasetFormatException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file. */
    public Path file() {
        return file;
    }
}
