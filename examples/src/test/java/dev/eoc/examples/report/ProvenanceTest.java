package dev.eoc.examples.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProvenanceTest {

    @Test
    void csvHeaderIsCommentLinesWithEveryField() {
        Provenance p = new Provenance("1.2", "abc1234", "eoc curve\n--x", "17 (v)", "2024-01-01Z");
        List<String> lines = p.csvHeader().lines().toList();
        assertEquals(
                List.of(
                        "# eoc 1.2, git abc1234",
                        "# command: eoc curve --x",
                        "# jdk: 17 (v)",
                        "# date: 2024-01-01Z"),
                lines);
    }

    @Test
    void gitRevisionOutsideARepositoryIsUnknown(@TempDir Path dir) {
        assertEquals(Provenance.UNKNOWN, Provenance.gitRevision(dir));
    }

    @Test
    void currentProcessHasJdkAndRevisionOrUnknown() {
        Provenance p = Provenance.of("eoc test");
        assertTrue(p.jdk().startsWith(System.getProperty("java.version")));
        assertTrue(
                p.gitRevision().equals(Provenance.UNKNOWN) || p.gitRevision().matches("[0-9a-f]+"));
    }

    @Test
    void csvWriterWritesProvenanceHeaderAndRows(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("sub/x.csv");
        Provenance p = new Provenance("v", "r", "cmd", "jdk", "d");
        try (CsvWriter w = CsvWriter.create(file, p, List.of("a", "b", "c"))) {
            w.row(0.1, Double.NaN, "ordered");
            w.row(1e-20, Double.POSITIVE_INFINITY, true);
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals("a,b,c", lines.get(4));
        assertEquals("0.1,NaN,ordered", lines.get(5));
        assertEquals("1.0E-20,Infinity,true", lines.get(6));
    }
}
