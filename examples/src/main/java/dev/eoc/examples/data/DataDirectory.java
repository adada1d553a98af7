package dev.eoc.examples.data;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Resolves the directory that holds the datasets, in one place for the whole tool.
 *
 * <p>Precedence: an explicit {@code --data-dir} option, then the environment variable {@value
 * #ENV_VARIABLE}, then {@code ~/.eoc/data}. Inside it each dataset has its own folder: {@code
 * mnist/}, {@code fashion-mnist/}, {@code cifar10/}.
 */
public final class DataDirectory {
    /** Environment variable that overrides the default data directory. */
    public static final String ENV_VARIABLE = "EOC_DATA_DIR";

    /** Default location relative to the user's home directory. */
    static final String DEFAULT_RELATIVE = ".eoc/data";

    /** Where the shared CIFAR-10 files live relative to a directory above the project. */
    private static final Path SHARED_CIFAR10 = Path.of("shared", "datasets", "cifar10");

    private DataDirectory() {}

    /**
     * The data directory for this process.
     *
     * @param option the {@code --data-dir} value, or {@code null} when not given
     */
    public static Path resolve(Path option) {
        return resolve(option, System.getenv(), Path.of(System.getProperty("user.home")));
    }

    /** As {@link #resolve(Path)} with the environment and home directory made explicit. */
    static Path resolve(Path option, Map<String, String> env, Path home) {
        if (option != null) {
            return option.toAbsolutePath().normalize();
        }
        String fromEnv = env.get(ENV_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return Path.of(fromEnv.strip()).toAbsolutePath().normalize();
        }
        return home.resolve(DEFAULT_RELATIVE).toAbsolutePath().normalize();
    }

    /**
     * Looks for {@code shared/datasets/cifar10} beside {@code start} or beside any directory above
     * it (the layout of the development machines and CI, where {@code shared/} sits next to the
     * clone).
     */
    public static Optional<Path> findSharedCifar10(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(SHARED_CIFAR10);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
