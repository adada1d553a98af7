package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.train.Architecture;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@code ./eoc train --arch cnn}: the small all-convolutional network (4 convolutions of 16
 * filters, the first two strided) learns MNIST in DJL and DL4J with the listener judging every
 * convolution by the per-position theory; its defaults, names and refusals.
 */
class TrainCnnTest {

    /** Chance is 10%; measured 66.3% (DJL) and 67.3% (DL4J), seed 1, 2-core Intel Xeon VM. */
    private static final double MIN_ACCURACY = 0.5;

    @TempDir Path dir;

    @BeforeAll
    static void mnist() {
        MnistFetcher.ensure(DataDirectory.resolve(null));
    }

    @ParameterizedTest
    @ValueSource(strings = {"djl", "dl4j"})
    void aSmallCnnLearnsMnistWithTheListener(String framework) throws IOException {
        Path out = dir.resolve("cnn-" + framework);
        CliRun run =
                CliRun.of(
                        "train",
                        "--framework",
                        framework,
                        "--dataset",
                        "mnist",
                        "--activation",
                        "tanh",
                        "--arch",
                        "cnn",
                        "--width",
                        "16",
                        "--limit-train",
                        "3000",
                        "--limit-test",
                        "1000",
                        "--epochs",
                        "1",
                        "--batch",
                        "32",
                        "--lr",
                        "0.01",
                        "--listener-interval",
                        "40",
                        "--out",
                        out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        double accuracy = RunRecords.lastTestAccuracy(out);
        LoggerFactory.getLogger(TrainCnnTest.class)
                .info("{} cnn 4 x 16: test accuracy {} after one epoch", framework, accuracy);
        assertTrue(accuracy >= MIN_ACCURACY, "accuracy " + accuracy + " " + run.err());
        String config = RunRecords.config(out);
        assertTrue(config.contains("\"arch\":\"cnn\""), config);
        assertTrue(config.contains("\"depth\":4"), "the CNN's default depth: " + config);
        // the first report, at initialization: 4 convolutions and the output layer, healthy, and
        // every convolution inside the finite-width band of the per-position theory
        JsonNode report = RunRecords.firstReport(out);
        assertEquals("healthy", report.get("verdict").asText(), report.toString());
        assertEquals(6, report.get("c_theory").size(), "input, 4 convolutions, output: " + report);
        for (int l = 1; l <= 4; l++) {
            double measured = report.get("c_empirical").get(l).asDouble();
            double theory = report.get("c_theory").get(l).asDouble();
            double band = report.get("c_band").get(l).asDouble();
            assertTrue(Math.abs(measured - theory) <= band, "convolution " + l + ": " + report);
        }
    }

    @Test
    void theCnnNeedsSquareImagesAndHasNoBatchNormVariant() {
        assertEquals(3, Architecture.imageShape(3072)[0], "CIFAR-10: 3 x 32 x 32");
        assertEquals(28, Architecture.imageShape(784)[2], "MNIST: 1 x 28 x 28");
        IllegalArgumentException odd =
                org.junit.jupiter.api.Assertions.assertThrows(
                        IllegalArgumentException.class, () -> Architecture.imageShape(700));
        assertTrue(odd.getMessage().contains("700"), odd.getMessage());
        CliRun bn =
                CliRun.of("train", "--arch", "cnn", "--init", "eoc-bn", "--out", dir.toString());
        assertEquals(ErrorHandling.EXIT_USAGE, bn.exitCode(), bn.toString());
        assertTrue(bn.err().contains("--arch cnn has no BatchNorm variant"), bn.err());
    }
}
