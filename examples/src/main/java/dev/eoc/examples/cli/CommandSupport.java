package dev.eoc.examples.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.examples.report.Provenance;
import java.io.PrintWriter;
import java.util.Locale;
import picocli.CommandLine.Model.CommandSpec;

/** Helpers shared by the theory subcommands: activation parsing, JSON and number formatting. */
final class CommandSupport {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private CommandSupport() {}

    /**
     * Parses {@code --activation}; a missing option is an error listing the known activations.
     *
     * @throws IllegalArgumentException when missing or unknown
     */
    static ActivationFunction activation(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new IllegalArgumentException(
                    "--activation is required; known activations: "
                            + String.join(", ", Activations.names())
                            + " (parameterised ones as e.g. elu(0.5), leaky_relu(0.1))");
        }
        return Activations.parse(spec.trim());
    }

    /** A fresh JSON object. */
    static ObjectNode object() {
        return JSON.createObjectNode();
    }

    /** A fresh JSON array. */
    static ArrayNode array() {
        return JSON.createArrayNode();
    }

    /** Puts a number; NaN and infinities become JSON null (JSON has no such numbers). */
    static void put(ObjectNode node, String key, double value) {
        if (Double.isFinite(value)) {
            node.put(key, value);
        } else {
            node.putNull(key);
        }
    }

    /** Appends a number, NaN and infinities as null. */
    static void add(ArrayNode node, double value) {
        if (Double.isFinite(value)) {
            node.add(value);
        } else {
            node.addNull();
        }
    }

    /** A JSON array of numbers, NaN and infinities as null. */
    static ArrayNode array(double[] values) {
        ArrayNode a = array();
        for (double v : values) {
            add(a, v);
        }
        return a;
    }

    /** Prints a JSON value, indented, followed by a newline. */
    static void print(PrintWriter out, Object json) {
        try {
            out.println(JSON.writeValueAsString(json));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise JSON", e);
        }
    }

    /** Human-readable number: 10 significant digits, "undefined" for NaN, "inf" for infinity. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return String.format(Locale.ROOT, "%.10g", v)
                .replaceAll("(\\.\\d*?)0+(e|$)", "$1$2")
                .replace(".e", "e")
                .replaceAll("\\.$", "");
    }

    /** Short number for prose: 4 significant digits. */
    static String shortFmt(double v) {
        if (!Double.isFinite(v)) {
            return fmt(v);
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        return s.contains(".") && !s.contains("e") ? s.replaceAll("\\.?0+$", "") : s;
    }

    /** Provenance with the full command line as typed. */
    static Provenance provenance(CommandSpec spec) {
        String[] args =
                spec.root().commandLine().getParseResult().originalArgs().toArray(String[]::new);
        return Provenance.of("eoc " + String.join(" ", args));
    }

    /** Prints "name value" rows with the names padded to one width. */
    static void printPairs(PrintWriter out, String[][] rows) {
        int width = 0;
        for (String[] r : rows) {
            width = Math.max(width, r[0].length());
        }
        for (String[] r : rows) {
            out.printf(Locale.ROOT, "%-" + width + "s  %s%n", r[0], r[1]);
        }
    }

    /** A number as the user would type it: 0.2, 3, 1e-04 stays 0.0001. */
    static String number(double v) {
        return Double.isFinite(v)
                ? java.math.BigDecimal.valueOf(v).stripTrailingZeros().toPlainString()
                : Double.toString(v);
    }

    /**
     * Checks, before any work, that {@code file} (given with {@code option}) can be written: not a
     * directory, and its nearest existing ancestor a writable directory (a regular file there, as
     * in {@code README.md/x.csv}, is refused). Null means the option was not given.
     *
     * @throws IllegalArgumentException naming the option, the path and what to give instead
     */
    static void checkOutputFile(String option, java.nio.file.Path file) {
        if (file == null) {
            return;
        }
        if (java.nio.file.Files.isDirectory(file)) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + file
                            + " is a directory; give a file name, e.g. "
                            + option
                            + " "
                            + file.resolve("out" + extension(option)));
        }
        checkAncestor(option, file.toAbsolutePath().getParent(), file);
    }

    /**
     * Checks, before any work, that {@code dir} (given with {@code option}) is or can become a
     * writable directory.
     *
     * @throws IllegalArgumentException naming the option, the path and the reason
     */
    static void checkOutputDirectory(String option, java.nio.file.Path dir) {
        if (dir == null) {
            return;
        }
        if (java.nio.file.Files.exists(dir) && !java.nio.file.Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    option + " " + dir + " is a file, not a directory; give a directory");
        }
        checkAncestor(option, dir.toAbsolutePath(), dir);
    }

    private static void checkAncestor(
            String option, java.nio.file.Path start, java.nio.file.Path given) {
        java.nio.file.Path p = start;
        while (p != null && !java.nio.file.Files.exists(p)) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        if (!java.nio.file.Files.isDirectory(p)) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + given
                            + " cannot be created: "
                            + p
                            + " is a file, not a directory; choose a path under a directory");
        }
        if (!java.nio.file.Files.isWritable(p)) {
            throw new IllegalArgumentException(
                    option
                            + " "
                            + given
                            + " cannot be written: "
                            + p
                            + " is not writable; choose a path you can write to");
        }
    }

    private static String extension(String option) {
        return option.endsWith("png") ? ".png" : option.endsWith("csv") ? ".csv" : "";
    }
}
