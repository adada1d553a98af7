package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16's bad-input suite (bad-inputs.csv): every case exits with its code and one line on
 * stderr that matches its pattern, and no stack trace anywhere.
 */
class BadInputSuiteTest {

    @TempDir static Path dir;

    record Case(String args, int exit, String pattern) {
        @Override
        public String toString() {
            return args;
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        try (InputStream in = BadInputSuiteTest.class.getResourceAsStream("bad-inputs.csv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(" \\| ", -1);
                out.add(new Case(f[0].strip(), Integer.parseInt(f[1].strip()), f[2].strip()));
            }
        }
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void answersInOneLineWithTheValueAndAFix(Case c) throws IOException {
        Path file = dir.resolve("a-file.txt");
        Files.writeString(file, "not a directory\n");
        String[] args =
                c.args()
                        .replace("{dir}", dir.toString())
                        .replace("{file}", file.toString())
                        .split(" ");
        CliRun r = CliRun.of(args);
        assertEquals(c.exit(), r.exitCode(), r.toString());
        assertFalse(r.err().contains("\tat ") || r.out().contains("\tat "), "stack trace: " + r);
        List<String> lines = r.err().lines().filter(l -> l.startsWith("eoc: ")).toList();
        assertEquals(1, lines.size(), "one message line: " + r);
        assertTrue(
                Pattern.compile(c.pattern()).matcher(lines.get(0)).find(),
                "'" + lines.get(0) + "' does not match /" + c.pattern() + "/");
    }
}
