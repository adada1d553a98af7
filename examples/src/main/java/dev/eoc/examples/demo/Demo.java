package dev.eoc.examples.demo;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The demo: theory table, correlations at initialization, a short training comparison and a
 * summary, printed as they are computed and written to files ({@link DemoFiles}). {@code --quick}
 * runs exactly this code with {@link DemoSizes#quick()}.
 *
 * <p>Theory from Poole et al. 2016 and Schoenholz et al. 2017 (phases, depth scales, trainable
 * depth ~ 6 xi_c), Edge-of-Chaos points and training protocol from Hayou, Doucet &amp; Rousseau,
 * ICML 2019.
 */
public final class Demo {

    /** The activation of parts 2 and 3: DJL's default is chaotic for it, DL4J's degenerate. */
    public static final String ACTIVATION = "tanh";

    /**
     * What to run.
     *
     * @param framework where networks are built and trained
     * @param sizes network and run sizes
     * @param quick whether {@code sizes} are the quick ones (for the headings)
     * @param seed seed of every network's weights and of the training order
     * @param dataDir where MNIST is (fetched there on first use)
     * @param outDir where the files go
     * @param interactive whether progress goes to a terminal (redrawn in place)
     */
    public record Settings(
            Framework framework,
            DemoSizes sizes,
            boolean quick,
            long seed,
            Path dataDir,
            Path outDir,
            boolean interactive) {}

    /**
     * Everything the demo measured and wrote.
     *
     * @param theory part 1
     * @param profiles part 2, one per initialization
     * @param training part 3, one per initialization
     * @param files the files written, chart first
     * @param seconds wall-clock time of the whole demo
     */
    public record Result(
            List<TheoryRow> theory,
            List<CorrelationProfile> profiles,
            List<TrainingOutcome> training,
            List<Path> files,
            double seconds) {}

    private final Settings settings;
    private final PrintWriter out;
    private final PrintWriter progress;
    private final Provenance provenance;
    private final ActivationFunction activation = Activations.parse(ACTIVATION);

    private Demo(Settings s, PrintWriter out, PrintWriter progress, Provenance provenance) {
        this.settings = s;
        this.out = out;
        this.progress = progress;
        this.provenance = provenance;
    }

    /**
     * Runs the demo.
     *
     * @param out where the results are printed
     * @param progress where progress (fetching, training) is printed
     */
    public static Result run(
            Settings settings, PrintWriter out, PrintWriter progress, Provenance provenance) {
        return new Demo(settings, out, progress, provenance).run();
    }

    private Result run() {
        long t0 = System.nanoTime();
        out.printf(
                Locale.ROOT,
                "eoc demo: deep networks at the Edge of Chaos (%s, %s, %s sizes, seed %d)%n%n",
                settings.framework().id().toUpperCase(Locale.ROOT),
                ACTIVATION,
                settings.quick() ? "quick" : "standard",
                settings.seed());
        List<Path> files = new ArrayList<>();
        List<TheoryRow> theory = theory(files);
        out.println(DemoText.probeHeading(settings.framework(), settings.sizes()));
        out.flush();
        MnistFetcher.ensure(settings.dataDir(), new FetchProgress(progress));
        ImageDataset test = Datasets.load(Datasets.MNIST, Split.TEST, settings.dataDir());
        List<CorrelationProfile> profiles = atInitialization(test, files);
        List<TrainingOutcome> training = inTraining(files);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.println();
        out.print(
                DemoText.summary(
                        settings.framework(),
                        settings.sizes(),
                        training,
                        files,
                        settings.outDir(),
                        test.classCount(),
                        seconds,
                        settings.quick()));
        out.flush();
        return new Result(theory, profiles, training, List.copyOf(files), seconds);
    }

    /** Part 1: the table, printed and written. */
    private List<TheoryRow> theory(List<Path> files) {
        out.println(DemoText.theoryHeading());
        List<TheoryRow> theory = TheoryTable.compute(TheoryTable.ACTIVATIONS);
        out.print(TheoryTable.render(theory));
        out.println(DemoText.theoryNotes());
        out.flush();
        files.add(DemoFiles.theory(settings.outDir(), theory, provenance));
        return theory;
    }

    /** Part 2: correlations at initialization, as a table, a text chart, a PNG and a CSV. */
    private List<CorrelationProfile> atInitialization(ImageDataset test, List<Path> files) {
        Framework f = settings.framework();
        DemoSizes s = settings.sizes();
        List<CorrelationProfile> profiles =
                CorrelationProbe.measure(f, activation, s, test, settings.seed());
        out.print(DemoText.profileTable(profiles));
        out.println();
        out.print(DemoText.chart(profiles));
        out.flush();
        String title =
                String.format(
                        Locale.ROOT,
                        "Correlation of two MNIST inputs, %s, depth %d, width %d (%s)",
                        ACTIVATION,
                        s.probeDepth(),
                        s.probeWidth(),
                        f.id().toUpperCase(Locale.ROOT));
        files.add(0, DemoFiles.chart(settings.outDir(), title, profiles, provenance));
        files.add(DemoFiles.correlations(settings.outDir(), f, ACTIVATION, profiles, provenance));
        return profiles;
    }

    /** Part 3: the training runs and their accuracies, printed and written. */
    private List<TrainingOutcome> inTraining(List<Path> files) {
        Framework f = settings.framework();
        DemoSizes s = settings.sizes();
        out.println();
        out.println(DemoText.trainingHeading(f, activation, s));
        out.flush();
        List<TrainingOutcome> training =
                TrainingComparison.run(
                        f,
                        activation,
                        s,
                        settings.seed(),
                        settings.dataDir(),
                        settings.outDir(),
                        progress,
                        settings.interactive(),
                        provenance);
        out.print(DemoText.accuracyTable(training));
        files.add(
                DemoFiles.accuracies(
                        settings.outDir(),
                        f,
                        ACTIVATION,
                        s,
                        settings.seed(),
                        training,
                        provenance));
        return training;
    }

    /** An initialization as "name (sigma_b, sigma_w)", e.g. {@code EOC (0.2, 1.3041)}. */
    public static String initLabel(InitPoint p) {
        String name =
                switch (p.scheme()) {
                    case EOC, EOC_BN -> "EOC";
                    default -> p.scheme().id();
                };
        return String.format(
                Locale.ROOT,
                "%s (%s, %s)",
                name,
                DemoText.short4(p.sigmaB()),
                DemoText.short4(p.sigmaW()));
    }
}
