package dev.eoc.examples.reproduce;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.eoc.examples.train.InitScheme;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading run directories, including ones a run is still writing. */
class RunDataTest {

    @TempDir Path dir;

    @Test
    void readsConfigEpochsAndLayers() throws IOException {
        Path run = dir.resolve("djl-tanh-ordered");
        SyntheticRun.write(run, "ordered", new int[] {2, 1}, (s, e) -> 0.1 * s + 0.01 * e, true);
        RunData r = RunData.read(run);
        assertEquals(InitScheme.ORDERED, r.config().init());
        assertEquals(3, r.config().depth());
        assertEquals(1.0, r.initValue("sigma_w"));
        assertEquals("abc1234", r.provenance("git"));
        assertEquals(3, r.epochs().size());
        // layers 0..4 at epochs 0..2 for seed 1 and 0..1 for seed 2
        assertEquals(5 * 3 + 5 * 2, r.layers().size());
        assertEquals(0.12, r.epochs().get(1).testAccuracy(), 1e-15);
    }

    @Test
    void cutShortLinesAreIgnoredAndRepeatedEpochsKeepTheLaterRecord() throws IOException {
        Path run = dir.resolve("run");
        SyntheticRun.write(run, "eoc", new int[] {2}, (s, e) -> 0.5, true);
        String epoch2 = Files.readAllLines(run.resolve("epochs.jsonl")).get(2);
        append(
                run.resolve("epochs.jsonl"),
                epoch2.replace("\"test_accuracy\":0.5", "\"test_accuracy\":0.75"));
        append(run.resolve("epochs.jsonl"), "{\"seed\":1,\"epoch\":3,\"train_lo");
        append(run.resolve("layers.csv"), "# continued: eoc test");
        append(run.resolve("layers.csv"), "1,3,0,0.5");
        RunData r = RunData.read(run);
        assertEquals(List.of(1, 2), r.epochs().stream().map(e -> e.epoch()).toList());
        assertEquals(0.75, r.epochs().get(1).testAccuracy());
        assertEquals(5 * 3, r.layers().size(), "the cut-short layer row is left out");
    }

    @Test
    void findsEveryDirectoryWithARunFile() throws IOException {
        SyntheticRun.write(dir.resolve("a"), "eoc", new int[] {1}, (s, e) -> 0.5, false);
        SyntheticRun.write(dir.resolve("group/b"), "eoc", new int[] {1}, (s, e) -> 0.5, false);
        Files.createDirectories(dir.resolve("empty"));
        assertEquals(List.of(dir.resolve("a"), dir.resolve("group/b")), RunData.findUnder(dir));
        assertThrows(IllegalArgumentException.class, () -> RunData.read(dir.resolve("empty")));
        assertThrows(
                IllegalArgumentException.class, () -> RunData.findUnder(dir.resolve("missing")));
    }

    private static void append(Path file, String line) throws IOException {
        Files.writeString(file, line + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    }
}
