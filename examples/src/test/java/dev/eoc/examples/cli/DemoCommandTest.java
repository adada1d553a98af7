package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.examples.demo.DemoFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code eoc demo --quick} end to end, in DJL and DL4J: the printed theory against eoc-core, the
 * measured correlations against the phases, the printed accuracies against the CSV, and the files.
 */
class DemoCommandTest {

    /** sigma_w is printed to 10 decimals: a printed value is within 5e-11 of the exact one. */
    private static final double PRINTED_SIGMA_TOLERANCE = 1e-9;

    /**
     * Ordered phase at (1, 1): 1 - c_l shrinks by chi_c ~ 0.4 per layer (xi_c = 1.09), so after the
     * quick depth of 30 layers the theory is 1 to 1e-10; 0.01 leaves room for float32.
     */
    private static final double ORDERED_LIMIT = 0.99;

    /**
     * On the EOC, 1 - c_l decays only like beta_q / l (Hayou et al. 2019, Prop. 3): at depth 30 the
     * theory is c ~ 0.84, clearly below the ordered network's 1.
     */
    private static final double EOC_GAP = 0.05;

    /**
     * Measured vs theory for the EOC network: 8 pairs, width 128, 30 layers, the output layer 10
     * units wide; deviations of 0.05-0.1 were observed, so allow 0.2.
     */
    private static final double EOC_THEORY_TOLERANCE = 0.2;

    @TempDir Path dir;

    @Test
    void quickDemoInDjlPrintsCoreTheoryMeasuredCorrelationsAndTheAccuraciesItWrites()
            throws IOException {
        Path out = dir.resolve("demo");
        CliRun r = CliRun.of("demo", "--quick", "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();

        assertTheoryMatchesCore(lines, r);
        assertCorrelations(section(lines, "2. ", "3. "), out, r);
        assertAccuracies(section(lines, "3. ", "4. "), out, r);

        for (String csv :
                List.of(
                        DemoFiles.THEORY_CSV,
                        DemoFiles.CORRELATIONS_CSV,
                        DemoFiles.ACCURACIES_CSV)) {
            CsvFile.read(out.resolve(csv)).assertProvenance("demo --quick");
        }
        CsvFile.assertPng(
                out.resolve(DemoFiles.CORRELATIONS_PNG), DemoFiles.PNG_WIDTH, DemoFiles.PNG_HEIGHT);
        for (String init : List.of("default", "ordered", "eoc")) {
            assertTrue(Files.exists(out.resolve("training").resolve(init).resolve("run.json")));
        }
        assertTrue(
                r.out().contains(out.resolve(DemoFiles.CORRELATIONS_PNG).toString()), r::toString);
        assertTrue(r.out().contains("./eoc train"), r::toString);
    }

    @Test
    void quickDemoRunsInDl4j() throws IOException {
        Path out = dir.resolve("dl4j");
        CliRun r = CliRun.of("demo", "--framework", "dl4j", "--quick", "--out", out.toString());
        assertEquals(0, r.exitCode(), r::toString);
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).contains("(DL4J, tanh, quick sizes"), r::toString);
        assertCorrelations(section(lines, "2. ", "3. "), out, r);
        assertAccuracies(section(lines, "3. ", "4. "), out, r);
        assertTrue(
                CsvFile.read(out.resolve(DemoFiles.ACCURACIES_CSV)).rows().stream()
                        .allMatch(row -> row.startsWith("dl4j,tanh,")));
    }

    private static void assertTheoryMatchesCore(List<String> lines, CliRun r) {
        Map<String, Double> sigmaB = Map.of("tanh", 0.2, "elu(1)", 0.1, "relu", 0.0);
        for (Map.Entry<String, Double> e : sigmaB.entrySet()) {
            String[] cells =
                    lines.stream()
                            .filter(l -> l.startsWith("  " + e.getKey() + " "))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no row for " + e.getKey() + r))
                            .trim()
                            .split("\\s+");
            assertEquals("EOC", cells[1], r::toString);
            assertEquals(e.getValue(), Double.parseDouble(cells[2]), 0.0, r::toString);
            double exact = EdgeOfChaos.solve(Activations.parse(e.getKey()), e.getValue()).sigmaW();
            assertEquals(exact, Double.parseDouble(cells[3]), PRINTED_SIGMA_TOLERANCE, r::toString);
        }
    }

    /** Ordered ends at c ~ 1, the EOC clearly below it and near its theory; table = CSV. */
    private static void assertCorrelations(List<String> table, Path out, CliRun r)
            throws IOException {
        Map<String, double[]> last = lastLayer(out.resolve(DemoFiles.CORRELATIONS_CSV));
        double[] ordered = last.get("ordered");
        double[] eoc = last.get("eoc");
        assertTrue(ordered[0] >= ORDERED_LIMIT, "ordered c_out = " + ordered[0] + r);
        assertTrue(eoc[0] < ordered[0] - EOC_GAP, "EOC c_out = " + eoc[0] + r);
        assertEquals(eoc[1], eoc[0], EOC_THEORY_TOLERANCE, r::toString);
        for (String init : List.of("default", "ordered", "EOC")) {
            String row =
                    table.stream()
                            .filter(l -> l.startsWith("  " + init + " ("))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no row " + init + r));
            double[] csv = last.get(init.toLowerCase(Locale.ROOT));
            String printed = String.format(Locale.ROOT, "%.4f (%.4f)", csv[0], csv[1]);
            assertTrue(row.endsWith(printed), row + " vs CSV " + printed);
        }
    }

    /** The printed test accuracies are the CSV's, to the printed two decimals of a percent. */
    private static void assertAccuracies(List<String> table, Path out, CliRun r)
            throws IOException {
        CsvFile csv = CsvFile.read(out.resolve(DemoFiles.ACCURACIES_CSV));
        List<String> header = List.of(csv.header().split(","));
        int init = header.indexOf("init");
        int accuracy = header.indexOf("test_accuracy");
        assertEquals(3, csv.rows().size());
        for (String row : csv.rows()) {
            String[] cells = row.split(",");
            String label = cells[init].equals("eoc") ? "EOC" : cells[init];
            String printed =
                    String.format(
                            Locale.ROOT, "%.2f %%", 100 * Double.parseDouble(cells[accuracy]));
            String line =
                    table.stream()
                            .filter(l -> l.startsWith("  " + label + " ("))
                            .findFirst()
                            .orElseThrow(() -> new AssertionError("no row " + label + r));
            assertTrue(line.contains(" " + printed + " "), line + " vs CSV " + printed);
        }
    }

    /** Per init: measured and theory c at the last layer (the output layer). */
    private static Map<String, double[]> lastLayer(Path file) throws IOException {
        CsvFile csv = CsvFile.read(file);
        List<String> header = List.of(csv.header().split(","));
        int init = header.indexOf("init");
        int layer = header.indexOf("layer");
        int c = header.indexOf("c");
        int theory = header.indexOf("c_theory");
        Map<String, double[]> last = new HashMap<>();
        Map<String, Integer> deepest = new HashMap<>();
        for (String row : csv.rows()) {
            String[] cells = row.split(",");
            int l = Integer.parseInt(cells[layer]);
            if (l >= deepest.getOrDefault(cells[init], -1)) {
                deepest.put(cells[init], l);
                last.put(
                        cells[init],
                        new double[] {
                            Double.parseDouble(cells[c]), Double.parseDouble(cells[theory])
                        });
            }
        }
        return last;
    }

    private static List<String> section(List<String> lines, String from, String to) {
        int start = indexOf(lines, from);
        return lines.subList(start, indexOf(lines, to));
    }

    private static int indexOf(List<String> lines, String prefix) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(prefix)) {
                return i;
            }
        }
        throw new AssertionError("no line starting with '" + prefix + "' in\n" + lines);
    }
}
