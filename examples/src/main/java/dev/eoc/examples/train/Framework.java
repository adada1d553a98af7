package dev.eoc.examples.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** The deep-learning framework a run trains in. */
public enum Framework {
    /** Deep Java Library with the PyTorch engine. */
    DJL("djl"),
    /** DeepLearning4J with ND4J's native CPU backend. */
    DL4J("dl4j");

    private final String id;

    Framework(String id) {
        this.id = id;
    }

    /** The name used on the command line and in result files. */
    public String id() {
        return id;
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(Framework::id).toList();
    }

    /**
     * The framework with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static Framework parse(String id) {
        for (Framework f : values()) {
            if (f.id.equals(id.toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown framework '" + id + "'; expected one of " + ids());
    }
}
