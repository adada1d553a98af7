package dev.eoc.examples.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.train.EpochRecord;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.TrainingConfig;
import dev.eoc.examples.train.TrainingRun;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Part 3 of the demo: one short MNIST run per initialization of {@link CorrelationProbe#INITS},
 * with {@link TrainingRun} (the protocol of {@code eoc train}: inputs pixel / 255 x sqrt(q*), plain
 * SGD, softmax cross-entropy; Hayou, Doucet &amp; Rousseau 2019, section 5), one epoch over the
 * first {@link DemoSizes#trainExamples} images, seed fixed, test accuracy on the first {@link
 * DemoSizes#testExamples} test images.
 */
public final class TrainingComparison {

    /** Folder under the demo's output directory that holds one run directory per init. */
    public static final String FOLDER = "training";

    /** What a run directory's provenance command starts with when the demo wrote it. */
    static final String DEMO_COMMAND = "eoc demo";

    private static final ObjectMapper JSON = new ObjectMapper();

    private TrainingComparison() {}

    /**
     * Trains one network per initialization, replacing the demo's earlier runs in {@code outDir}.
     *
     * @param progress where the progress bars go
     * @param interactive whether {@code progress} is a terminal
     * @throws IllegalArgumentException when a run directory there was not written by the demo
     */
    public static List<TrainingOutcome> run(
            Framework framework,
            ActivationFunction activation,
            DemoSizes sizes,
            long seed,
            Path dataDir,
            Path outDir,
            PrintWriter progress,
            boolean interactive,
            Provenance provenance) {
        List<TrainingOutcome> outcomes = new ArrayList<>();
        for (InitScheme scheme : CorrelationProbe.INITS) {
            TrainingConfig config = config(framework, activation, scheme, sizes, seed);
            Path dir = outDir.resolve(FOLDER).resolve(scheme.id());
            removePreviousDemoRun(dir);
            progress.printf("training %s init:%n", scheme.id());
            progress.flush();
            TrainingRun.Result r =
                    TrainingRun.of(config, dataDir, dir, false)
                            .run(progress, interactive, provenance);
            EpochRecord last = r.epochs().get(r.epochs().size() - 1);
            outcomes.add(
                    new TrainingOutcome(
                            r.init(), CorrelationProbe.phase(activation, r.init()), last, dir));
        }
        return List.copyOf(outcomes);
    }

    static TrainingConfig config(
            Framework framework,
            ActivationFunction activation,
            InitScheme scheme,
            DemoSizes sizes,
            long seed) {
        return new TrainingConfig(
                framework,
                Datasets.MNIST,
                activation.spec(),
                scheme,
                null,
                null,
                sizes.trainDepth(),
                sizes.trainWidth(),
                1,
                sizes.batch(),
                sizes.learningRate(),
                1,
                seed,
                sizes.trainExamples(),
                sizes.testExamples(),
                TrainingConfig.DEFAULT_LISTENER_INTERVAL);
    }

    /**
     * Deletes {@code dir} when it holds a run the demo wrote (its run.json names an {@code eoc
     * demo} command), so that every demo measures afresh; any other run is left alone.
     */
    static void removePreviousDemoRun(Path dir) {
        Path runFile = dir.resolve("run.json");
        if (!Files.exists(runFile)) {
            return;
        }
        try {
            JsonNode run = JSON.readTree(runFile.toFile());
            String command = run.path("provenance").path("command").asText("");
            if (!command.startsWith(DEMO_COMMAND)) {
                throw new IllegalArgumentException(
                        dir
                                + " holds a training run that the demo did not write (command: '"
                                + command
                                + "'); choose another --out");
            }
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot replace the earlier demo run in " + dir + ": " + e.getMessage(), e);
        }
    }
}
