package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.reproduce.Grid;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code ./eoc reproduce} through picocli: a tiny real grid on MNIST (tanh, EOC and ordered, depth
 * 3, width 16, 2 epochs x 2 seeds on 300 images) that reports both settings and resumes without
 * retraining, and the usage errors of {@code --report-only}.
 */
class ReproduceCommandTest {

    @TempDir Path dir;

    @Test
    void tinyGridTrainsReportsAndResumes() throws IOException {
        MnistFetcher.ensure(DataDirectory.resolve(null));
        Path out = dir.resolve("runs");
        String[] args = {
            "reproduce",
            "--dataset",
            "mnist",
            "--framework",
            "djl",
            "--activations",
            "tanh",
            "--inits",
            "eoc,ordered",
            "--depth",
            "3",
            "--width",
            "16",
            "--epochs",
            "2",
            "--seeds",
            "2",
            "--limit-train",
            "300",
            "--limit-test",
            "200",
            "--lr",
            "0.01",
            "--out",
            out.toString()
        };
        CliRun first = CliRun.of(args);
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("2 setting(s)"), first::toString);
        assertTrue(first.out().contains("no time estimate yet"), first::toString);
        assertTrue(first.out().contains("estimated time left"), "after the first epoch");
        String md = Files.readString(out.resolve("report.md"));
        // both settings, 2 seeds each, with the paper's 100-epoch numbers beside ours
        assertTrue(md.contains("| tanh | eoc | djl | 2 | 2 |"), md);
        assertTrue(md.contains("| tanh | ordered | djl | 2 | 2 |"), md);
        assertTrue(md.contains("97.20 ± 0.30"), md);
        assertTrue(md.contains("command: `eoc reproduce --dataset mnist"), md);
        List<String> rows =
                Files.readAllLines(out.resolve("report.csv")).stream()
                        .filter(l -> l.startsWith("mnist,"))
                        .toList();
        assertEquals(2, rows.size(), rows::toString);
        assertTrue(Files.isRegularFile(out.resolve("figures/accuracy-epoch-djl-tanh.png")));
        assertTrue(Files.isRegularFile(out.resolve("figures/correlation-djl-tanh-eoc.png")));

        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again::toString);
        assertTrue(again.out().contains("(4 of 4 epochs recorded)"), again::toString);
        assertTrue(again.out().contains("0 s for 0 epoch(s)"), again::toString);
    }

    @Test
    void reportOnlyWithoutRunDirectoriesIsAUsageError() throws IOException {
        Files.createDirectories(dir.resolve("empty"));
        CliRun r =
                CliRun.of("reproduce", "--report-only", "--out", dir.resolve("empty").toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(
                r.err().contains("no run directory (a folder with run.json) under"), r::toString);
        CliRun missing =
                CliRun.of("reproduce", "--report-only", "--out", dir.resolve("nope").toString());
        assertEquals(2, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("does not exist"), missing::toString);
    }

    @Test
    void eocSigmaBPutsActivationsWithoutAStablePointOnTheGrid() {
        ReproduceCommand cmd = new ReproduceCommand();
        new CommandLine(cmd)
                .parseArgs(
                        "--dataset",
                        "mnist",
                        "--activations",
                        "tanh,shifted_softplus",
                        "--eoc-sigma-b",
                        "shifted_softplus=0.3");
        Map<String, Double> sigmaB = new HashMap<>();
        for (Grid.Setting s : cmd.grid().settings()) {
            sigmaB.put(s.directoryName(), s.config().sigmaB());
        }
        assertEquals(0.3, sigmaB.get("djl-shifted_softplus-eoc"));
        assertEquals(0.3, sigmaB.get("djl-shifted_softplus-eoc-bn"));
        assertNull(sigmaB.get("djl-shifted_softplus-ordered"), "ordered stays at (1, 1)");
        assertNull(sigmaB.get("djl-tanh-eoc"), "tanh keeps its recommended point");
        assertEquals(6, sigmaB.size());
        // the point it resolves to is the unstable EOC point at sigma_b = 0.3
        InitPoint p =
                InitPoint.resolve(
                        InitScheme.EOC,
                        Framework.DJL,
                        Activations.parse("shifted_softplus"),
                        0.3,
                        null);
        assertEquals(
                1.0,
                MeanField.of(
                                Activations.parse("shifted_softplus"),
                                InitVariances.ofStd(p.sigmaW(), p.sigmaB()))
                        .chi1(p.qStar()),
                1e-9);
        assertTrue(p.chiQ() > 1, "unstable: " + p.chiQ());
    }

    @Test
    void activationsWithoutAStableEocPointNameTheOption() {
        CliRun r =
                CliRun.of(
                        "reproduce",
                        "--dataset",
                        "mnist",
                        "--activations",
                        "tanh,shifted_softplus",
                        "--inits",
                        "eoc",
                        "--out",
                        dir.resolve("none").toString());
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--eoc-sigma-b shifted_softplus=0.2"), r::toString);
        assertFalse(Files.exists(dir.resolve("none")), "nothing trained");
        CliRun stray =
                CliRun.of(
                        "reproduce",
                        "--dataset",
                        "mnist",
                        "--activations",
                        "tanh",
                        "--eoc-sigma-b",
                        "elu=0.1",
                        "--out",
                        dir.resolve("none").toString());
        assertEquals(2, stray.exitCode(), stray::toString);
        assertTrue(
                stray.err().contains("an EOC sigma_b is given for elu(1), which is not among"),
                stray::toString);
    }

    /**
     * Issue 16 (7, 8): --eoc-sigma-b tanh=0.3,tanh=0.5 silently took the last; relu=0.2 was
     * answered "give its sigma_b: --eoc-sigma-b relu=0.2" (the value given); relu,,tanh said
     * "--activation is required". Each now names the bad value and a fix that works.
     */
    @Test
    void badGridInputsNameTheValueAndAFixThatWorks() {
        String out = dir.resolve("none").toString();
        CliRun twice =
                CliRun.of(
                        "reproduce",
                        "--dataset",
                        "mnist",
                        "--activations",
                        "tanh",
                        "--eoc-sigma-b",
                        "tanh=0.3,tanh=0.5",
                        "--out",
                        out);
        assertEquals(2, twice.exitCode(), twice::toString);
        assertTrue(twice.err().contains("tanh twice (0.3 and 0.5)"), twice::toString);
        CliRun circular =
                CliRun.of(
                        "reproduce",
                        "--dataset",
                        "mnist",
                        "--activations",
                        "relu",
                        "--inits",
                        "eoc",
                        "--eoc-sigma-b",
                        "relu=0.2",
                        "--out",
                        out);
        assertEquals(2, circular.exitCode(), circular::toString);
        assertFalse(circular.err().contains("give its sigma_b"), circular::toString);
        assertTrue(circular.err().contains("(from --eoc-sigma-b relu=0.2)"), circular::toString);
        assertTrue(circular.err().contains("sigma_b = 0"), circular::toString);
        CliRun empty =
                CliRun.of(
                        "reproduce",
                        "--dataset",
                        "mnist",
                        "--activations",
                        "relu,,tanh",
                        "--out",
                        out);
        assertEquals(2, empty.exitCode(), empty::toString);
        assertTrue(empty.err().contains("--activations has an empty entry"), empty::toString);
        assertFalse(Files.exists(dir.resolve("none")), "nothing trained");
    }

    @Test
    void datasetOrOutIsRequired() {
        CliRun r = CliRun.of("reproduce", "--report-only");
        assertEquals(2, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--dataset is required"), r::toString);
    }
}
