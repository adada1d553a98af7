package dev.eoc.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrainingComparisonTest {

    private static Path run(Path dir, String command) throws IOException {
        Files.createDirectories(dir.resolve("checkpoints"));
        Files.writeString(dir.resolve("checkpoints/seed-1-epoch-1.params"), "x");
        return Files.writeString(
                dir.resolve("run.json"),
                "{ \"provenance\" : { \"command\" : \"" + command + "\" } }");
    }

    @Test
    void replacesAnEarlierDemoRunButNoOtherRun(@TempDir Path tmp) throws IOException {
        Path demo = tmp.resolve("demo");
        run(demo, "eoc demo --quick");
        TrainingComparison.removePreviousDemoRun(demo);
        assertFalse(Files.exists(demo));

        Path other = tmp.resolve("other");
        run(other, "eoc train --init eoc");
        IllegalArgumentException e =
                assertThrows(
                        IllegalArgumentException.class,
                        () -> TrainingComparison.removePreviousDemoRun(other));
        assertTrue(e.getMessage().contains("eoc train --init eoc"), e.getMessage());
        assertTrue(Files.exists(other.resolve("run.json")));

        TrainingComparison.removePreviousDemoRun(tmp.resolve("absent")); // nothing to do
    }

    @Test
    void configIsOneEpochOfTheSizesOnMnist() {
        DemoSizes s = DemoSizes.standard(Framework.DJL);
        TrainingConfig c =
                TrainingComparison.config(
                        Framework.DJL, Activations.parse("tanh"), InitScheme.EOC, s, 7);
        assertEquals("mnist", c.dataset());
        assertEquals(1, c.epochs());
        assertEquals(1, c.seeds());
        assertEquals(7, c.firstSeed());
        assertEquals(s.trainDepth(), c.depth());
        assertEquals(s.trainExamples(), c.limitTrain());
        assertEquals(s.testExamples(), c.limitTest());
        assertEquals(s.learningRate(), c.learningRate());
    }
}
