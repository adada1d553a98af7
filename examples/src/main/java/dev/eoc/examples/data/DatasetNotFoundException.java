package dev.eoc.examples.data;

/**
 * The files of a dataset are not in the data directory.
 *
 * <p>The message says where the files were looked for and ends with the exact command that fetches
 * them, e.g. {@code ./eoc fetch-data mnist}; {@link #fetchCommand()} returns that command alone.
 */
public final class DatasetNotFoundException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String fetchCommand;

    /** Creates the exception; {@code fetchCommand} is appended to {@code problem}. */
    public DatasetNotFoundException(String problem, String fetchCommand) {
        super(problem + ". Fetch it with: " + fetchCommand);
        this.fetchCommand = fetchCommand;
    }

    /** The shell command that fetches the missing files. */
    public String fetchCommand() {
        return fetchCommand;
    }
}
