package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.Provenance;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of three hand-written run directories: tanh EOC with three seeds that stopped at
 * epochs 12, 12 and 11, tanh ordered with one seed and 3 epochs, tanh EOC + BN with one seed, 2
 * epochs and no layers.csv.
 */
class ReproduceReportTest {

    /** Sums of a few doubles: the two-pass mean and std are exact to a few ulps. */
    private static final double TIGHT = 1e-12;

    /** EOC seed s at epoch e: base + e / 1000, bases chosen for a hand-computable spread. */
    private static final double[] EOC_BASE = {0.89, 0.91, 0.96};

    /** At epoch 10 the three seeds have 0.90, 0.92, 0.97: mean 93 %. */
    private static final double MEAN_AT_10 = 93.0;

    /**
     * Deviations -3, -1, +4 (percentage points): sum of squares 26, divided by n - 1 = 2: std =
     * sqrt(13).
     */
    private static final double STD = Math.sqrt(13);

    private static final double ORDERED_ACCURACY = 0.1135;

    @TempDir static Path root;

    private static ReproduceReport.Result result;
    private static String markdown;

    @BeforeAll
    static void writeReport() throws IOException {
        Path runs = root.resolve("runs");
        SyntheticRun.write(
                runs.resolve("djl-tanh-eoc"),
                "eoc",
                new int[] {12, 12, 11},
                (seed, epoch) -> EOC_BASE[seed - 1] + epoch / 1000.0,
                true);
        SyntheticRun.write(
                runs.resolve("djl-tanh-ordered"),
                "ordered",
                new int[] {3},
                (seed, epoch) -> ORDERED_ACCURACY,
                true);
        SyntheticRun.write(
                runs.resolve("djl-tanh-eoc-bn"), "eoc-bn", new int[] {2}, (s, e) -> 0.5, false);
        result =
                ReproduceReport.write(
                        new ReproduceReport.Request(
                                RunData.findUnder(runs),
                                "synthetic runs",
                                root.resolve("report"),
                                Provenance.of("eoc reproduce --report-only (test)"),
                                DatasetLabel::fallback,
                                List.of()));
        markdown = Files.readString(result.markdown());
    }

    @Test
    void csvHasMeanAndSampleStdAtTheEpochsEverySeedReached() throws IOException {
        List<String> lines = Files.readAllLines(result.csv());
        assertTrue(lines.get(0).startsWith("# eoc "), lines.get(0));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("# command: eoc reproduce")));
        List<String> header =
                List.of(
                        lines.stream()
                                .filter(l -> !l.startsWith("#"))
                                .findFirst()
                                .orElseThrow()
                                .split(","));
        assertEquals(ReportCsv.COLUMNS, header);
        Map<String, String[]> rows =
                lines.stream()
                        .filter(l -> !l.startsWith("#") && !l.startsWith("dataset,"))
                        .map(l -> l.split(",", -1))
                        .collect(
                                Collectors.toMap(
                                        f -> f[col("init")] + "@" + f[col("epoch")], f -> f));
        // EOC: epoch 10 (a milestone) and 11 (last common); not 12, which seed 3 never reached
        assertEquals(Set.of("eoc@10", "eoc@11", "ordered@3", "eoc-bn@2"), rows.keySet());
        String[] at10 = rows.get("eoc@10");
        assertEquals("3", at10[col("seeds")]);
        assertEquals(MEAN_AT_10, Double.parseDouble(at10[col("test_accuracy_mean_pct")]), TIGHT);
        assertEquals(STD, Double.parseDouble(at10[col("test_accuracy_std_pct")]), TIGHT);
        // the paper's EOC tanh mean at epoch 10 is placed beside ours, from its by-epoch numbers
        assertEquals(89.75, Double.parseDouble(at10[col("paper_mean_pct")]), 0);
        assertEquals("false", at10[col("same_protocol_as_paper")]);
        String[] at11 = rows.get("eoc@11");
        assertEquals(
                MEAN_AT_10 + 0.1, Double.parseDouble(at11[col("test_accuracy_mean_pct")]), TIGHT);
        assertEquals(
                11 * (SyntheticRun.EPOCH_SECONDS + SyntheticRun.EVAL_SECONDS),
                Double.parseDouble(at11[col("elapsed_seconds_mean")]),
                TIGHT);
        String[] ordered = rows.get("ordered@3");
        assertEquals("1", ordered[col("seeds")]);
        assertEquals("NaN", ordered[col("test_accuracy_std_pct")], "one seed has no spread");
    }

    @Test
    void markdownStatesOurNumbersBesideThePapersAndOnlyEpochsReached() {
        assertTrue(markdown.contains("generated by eoc "), markdown);
        assertTrue(markdown.contains("| " + PaperResults.LABEL + " |"), "paper column");
        // tanh EOC: ours at epoch 10 and at the last common epoch, the paper's 100-epoch number
        assertTrue(
                markdown.contains("| 93.00 ± 3.61 | 93.10 ± 3.61 at epoch 11 | 97.20 ± 0.30 |"),
                markdown);
        assertTrue(markdown.contains("| 11.35 (n=1) at epoch 3 | 10.02 ± 0.13 |"), markdown);
        assertTrue(markdown.contains("| 11 (some seeds 12) |"), "epochs cell says seeds differ");
        assertTrue(markdown.contains("| epochs | epoch 10 | last epoch |"), markdown);
        assertFalse(markdown.contains("| epoch 50 |"), "no seed reached epoch 50");
        assertFalse(markdown.contains("at epoch 12"), "epoch 12 was not reached by every seed");
        assertTrue(markdown.contains("reached at most 11 epoch(s)"), "fewer epochs are said");
        assertTrue(markdown.contains("differ from the paper's protocol (depth 3 instead of 200"));
        assertTrue(markdown.contains("- seeds finished per setting: 3 / 1"), markdown);
    }

    @Test
    void chartsAreReadablePngsAndOnlyRunsWithLayersGetACorrelationChart() throws IOException {
        List<String> names = result.charts().stream().map(p -> p.getFileName().toString()).toList();
        assertEquals(
                List.of(
                        "accuracy-epoch-djl-tanh.png",
                        "accuracy-time-djl-tanh.png",
                        "correlation-djl-tanh-eoc.png",
                        "correlation-djl-tanh-ordered.png",
                        "theory-eoc-curves.png",
                        "theory-convergence.png"),
                names);
        for (Path png : result.charts()) {
            assertTrue(Files.size(png) > 0, png.toString());
            BufferedImage image = ImageIO.read(png.toFile());
            assertNotNull(image, "not a readable image: " + png);
            assertEquals(Charts.WIDTH, image.getWidth());
            assertEquals(Charts.HEIGHT, image.getHeight());
            String relative = root.resolve("report").relativize(png).toString();
            assertTrue(markdown.contains("](" + relative + ")"), relative + " linked");
        }
    }

    @Test
    void noReadableRunIsAnError(@TempDir Path empty) throws IOException {
        Path broken = empty.resolve("broken");
        Files.createDirectories(broken);
        Files.writeString(broken.resolve("run.json"), "{ not json");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () ->
                                ReproduceReport.write(
                                        new ReproduceReport.Request(
                                                RunData.findUnder(empty),
                                                "x",
                                                empty.resolve("report"),
                                                Provenance.of("test"),
                                                DatasetLabel::fallback,
                                                List.of())));
        assertTrue(e.getMessage().contains("no readable run directory"), e.getMessage());
    }

    private static int col(String name) {
        return ReportCsv.COLUMNS.indexOf(name);
    }
}
