package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What a {@code train} run wrote under its --out folder, read back for tests. */
final class RunRecords {

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunRecords() {}

    /** The test accuracy of the last epoch record in epochs.jsonl. */
    static double lastTestAccuracy(Path out) throws IOException {
        JsonNode last = null;
        for (String line : Files.readAllLines(out.resolve("epochs.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.has("test_accuracy")) {
                last = n;
            }
        }
        assertTrue(last != null, "an epoch record in " + out);
        return last.get("test_accuracy").asDouble();
    }

    /** The listener's first report with a verdict (the network at initialization), as JSON. */
    static JsonNode firstReport(Path out) throws IOException {
        List<String> reports = new ArrayList<>();
        try (var files = Files.walk(out)) {
            for (Path p : files.filter(f -> f.toString().endsWith(".jsonl")).toList()) {
                if (!p.getFileName().toString().equals("epochs.jsonl")) {
                    reports.addAll(Files.readAllLines(p));
                }
            }
        }
        String first =
                reports.stream().filter(l -> l.contains("\"verdict\"")).findFirst().orElseThrow();
        return JSON.readTree(first);
    }

    /** run.json as JSON text. */
    static String config(Path out) throws IOException {
        return JSON.readTree(Files.readString(out.resolve("run.json"))).toString();
    }
}
