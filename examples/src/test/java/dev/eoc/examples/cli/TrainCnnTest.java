package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.train.Architecture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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

    private static final ObjectMapper JSON = new ObjectMapper();

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
        JsonNode last = null;
        for (String line : Files.readAllLines(out.resolve("epochs.jsonl"))) {
            JsonNode n = JSON.readTree(line);
            if (n.has("test_accuracy")) {
                last = n;
            }
        }
        assertTrue(last != null, "an epoch record");
        double accuracy = last.get("test_accuracy").asDouble();
        LoggerFactory.getLogger(TrainCnnTest.class)
                .info("{} cnn 4 x 16: test accuracy {} after one epoch", framework, accuracy);
        assertTrue(accuracy >= MIN_ACCURACY, "accuracy " + accuracy + " " + run.err());
        JsonNode config = JSON.readTree(Files.readString(out.resolve("run.json")));
        assertTrue(config.toString().contains("\"arch\":\"cnn\""), config.toString());
        assertTrue(config.toString().contains("\"depth\":4"), "the CNN's default depth");
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
        // the first report, at initialization: 4 convolutions and the output layer, healthy
        assertTrue(first.contains("\"verdict\":\"healthy\""), first);
        JsonNode report = JSON.readTree(first);
        assertEquals(6, report.get("c_theory").size(), "input, 4 convolutions, output: " + first);
        for (int l = 1; l <= 4; l++) {
            double measured = report.get("c_empirical").get(l).asDouble();
            double theory = report.get("c_theory").get(l).asDouble();
            double band = report.get("c_band").get(l).asDouble();
            assertTrue(Math.abs(measured - theory) <= band, "convolution " + l + ": " + first);
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
