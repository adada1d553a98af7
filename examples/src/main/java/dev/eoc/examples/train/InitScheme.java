package dev.eoc.examples.train;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * How the network is initialized (Hayou, Doucet &amp; Rousseau, ICML 2019, section 5).
 *
 * <ul>
 *   <li>{@link #EOC}: every layer, the output layer included, at the activation's recommended Edge
 *       of Chaos point (or at a given sigma_b), inputs scaled by sqrt(q*);
 *   <li>{@link #EOC_BN}: the same, with BatchNorm between each hidden Dense layer and its
 *       activation;
 *   <li>{@link #ORDERED}: (sigma_b, sigma_w) = (1, 1) unless given, inputs scaled by sqrt(q*) of
 *       that point's variance map;
 *   <li>{@link #DEFAULT}: the framework's own initializer (Xavier in DJL and DL4J, zero biases),
 *       inputs not scaled.
 * </ul>
 */
public enum InitScheme {
    EOC("eoc"),
    EOC_BN("eoc-bn"),
    ORDERED("ordered"),
    DEFAULT("default");

    private final String id;

    InitScheme(String id) {
        this.id = id;
    }

    /** The name used on the command line and in result files. */
    public String id() {
        return id;
    }

    /** Whether the hidden layers carry BatchNorm before their activation. */
    public boolean batchNorm() {
        return this == EOC_BN;
    }

    /** Every id, in declaration order. */
    public static List<String> ids() {
        return Arrays.stream(values()).map(InitScheme::id).toList();
    }

    /**
     * The scheme with this id (case-insensitive).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static InitScheme parse(String id) {
        for (InitScheme s : values()) {
            if (s.id.equals(id.toLowerCase(Locale.ROOT))) {
                return s;
            }
        }
        throw new IllegalArgumentException("unknown init '" + id + "'; expected one of " + ids());
    }
}
