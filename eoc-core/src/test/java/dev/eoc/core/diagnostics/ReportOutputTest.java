package dev.eoc.core.diagnostics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportOutputTest {

    @TempDir Path dir;

    private static PropagationSnapshot snapshotWithNaNTheoryEnd() {
        return Snapshots.ideal(Activations.elu(0.5), 1.2, 0.1, 1, 0.5, 3);
    }

    private static Map<String, String> provenance() {
        Map<String, String> p = new LinkedHashMap<>();
        p.put("project", "eoc 0.1");
        p.put("note", "quote \" backslash \\ newline \n tab \t ctrl \u0001");
        return p;
    }

    @Test
    void formatterWritesOneLineWithTheKeyNumbers() {
        PropagationSnapshot s = Snapshots.ideal(Activations.tanh(), 1, 1, 1, 0.5, 30);
        String line = ReportFormatter.format(s, PropagationDiagnosis.of(s));
        assertTrue(!line.contains("\n"));
        assertTrue(line.startsWith("iter=7 L=30 "), line);
        assertTrue(line.endsWith("verdict=ordered"), line);
        assertTrue(line.contains(" c0=0.5 cL=1 (theory 1) "), line);
    }

    @Test
    void numbersHaveFourSignificantDigits() {
        assertEquals("0.1235", ReportFormatter.number(0.123456));
        assertEquals("1.5e-07", ReportFormatter.number(1.5e-7));
        assertEquals("1000", ReportFormatter.number(1000));
        assertEquals("nan", ReportFormatter.number(Double.NaN));
        assertEquals("-inf", ReportFormatter.number(Double.NEGATIVE_INFINITY));
    }

    @Test
    void jsonLinesEscapesStringsAndWritesNullForNaN() throws IOException {
        Path file = dir.resolve("r.jsonl");
        PropagationSnapshot s = snapshotWithNaNTheoryEnd();
        try (ReportWriter w = ReportWriter.forFile(file, provenance())) {
            w.write(s, PropagationDiagnosis.of(s));
            w.write(s, PropagationDiagnosis.of(s));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals(3, lines.size());
        assertEquals(
                "{\"type\":\"provenance\",\"project\":\"eoc 0.1\",\"note\":\"quote \\\" backslash"
                        + " \\\\ newline \\n tab \\t ctrl \\u0001\"}",
                lines.get(0));
        String report = lines.get(1);
        assertTrue(report.startsWith("{\"type\":\"report\",\"iteration\":7,"), report);
        // the input has no gradient or weights: null, as for NaN
        assertTrue(report.contains("\"gradient_norm\":[null,0.01,"), report);
        assertTrue(report.contains("\"activation\":[null,\"elu(0.5)\","), report);
        assertTrue(report.contains("\"chi1\":[null,"), report);
        assertTrue(!report.contains("NaN") && !report.contains("Infinity"), report);
        assertTrue(report.contains("\"c_band\":[") && report.contains("\"findings\":["), report);
    }

    @Test
    void csvHasProvenanceHeaderAndOneRowPerLayerIncludingTheInput() throws IOException {
        Path file = dir.resolve("r.csv");
        PropagationSnapshot s = snapshotWithNaNTheoryEnd();
        try (ReportWriter w = ReportWriter.forFile(file, provenance())) {
            w.write(s, PropagationDiagnosis.of(s));
        }
        List<String> lines = Files.readAllLines(file);
        assertEquals("# project=eoc 0.1", lines.get(0));
        assertEquals(CsvReportWriter.HEADER, lines.get(2));
        assertEquals(3 + 4, lines.size());
        assertTrue(lines.get(3).startsWith("7,0,input,1.0,0.5,1.0,0.5,,"), lines.get(3));
        assertEquals(15, lines.get(4).split(",", -1).length);
        assertEquals("\"a,b\"", CsvReportWriter.quote("a,b"));
    }

    @Test
    void unknownExtensionIsRejected() {
        assertThrows(
                IllegalArgumentException.class,
                () -> ReportWriter.forFile(dir.resolve("r.txt"), Map.of()));
    }

    @Test
    void snapshotRejectsMisnumberedLayers() {
        List<LayerStatistics> layers = new ArrayList<>();
        layers.add(new LayerStatistics(2, "tanh", 1, 0.5, 0, 1, 0));
        assertThrows(
                IllegalArgumentException.class,
                () -> PropagationSnapshot.of(0, 1, 0.5, layers, List.of(Activations.tanh())));
    }
}
