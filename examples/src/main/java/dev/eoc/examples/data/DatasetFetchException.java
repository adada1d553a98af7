package dev.eoc.examples.data;

/**
 * Fetching a dataset failed: a tool is missing, a download or copy failed, or a checksum did not
 * match. The message says what went wrong and what to do about it.
 */
public final class DatasetFetchException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message that says what to do next. */
    public DatasetFetchException(String message) {
        super(message);
    }

    /** As {@link #DatasetFetchException(String)}, keeping the low-level cause. */
    public DatasetFetchException(String message, Throwable cause) {
        super(message, cause);
    }
}
