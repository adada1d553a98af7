package dev.eoc.examples.demo;

import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.CsvWriter;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.report.Series;
import dev.eoc.examples.train.Framework;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The demo's output files, each with provenance: {@value #THEORY_CSV}, {@value #CORRELATIONS_CSV},
 * {@value #ACCURACIES_CSV} (comment lines from {@link Provenance#csvHeader()}) and {@value
 * #CORRELATIONS_PNG} (provenance in the title).
 */
public final class DemoFiles {

    public static final String THEORY_CSV = "theory.csv";
    public static final String CORRELATIONS_CSV = "correlations.csv";
    public static final String ACCURACIES_CSV = "accuracies.csv";
    public static final String CORRELATIONS_PNG = "correlations.png";

    /** Size of the PNG: the default width, taller to leave the plot its height under the legend. */
    public static final int PNG_WIDTH = Charts.WIDTH;

    public static final int PNG_HEIGHT = 700;

    /** Columns of {@value #ACCURACIES_CSV}. */
    public static final List<String> ACCURACY_COLUMNS =
            List.of(
                    "framework",
                    "activation",
                    "init",
                    "sigma_b",
                    "sigma_w",
                    "phase",
                    "depth",
                    "width",
                    "batch",
                    "lr",
                    "steps",
                    "train_images",
                    "test_images",
                    "seed",
                    "test_accuracy",
                    "train_loss",
                    "train_accuracy",
                    "train_seconds",
                    "run_directory");

    /** Colours of default, ordered and EOC (Okabe-Ito: readable with colour-blindness). */
    static final List<Color> COLORS =
            List.of(new Color(213, 94, 0), new Color(0, 114, 178), new Color(0, 158, 115));

    private DemoFiles() {}

    /** Writes {@value #THEORY_CSV}. */
    public static Path theory(Path dir, List<TheoryRow> rows, Provenance p) {
        Path file = dir.resolve(THEORY_CSV);
        try (CsvWriter w =
                CsvWriter.create(
                        file,
                        p,
                        List.of(
                                "activation",
                                "init",
                                "sigma_b",
                                "sigma_w",
                                "q_star",
                                "chi_q",
                                "chi_1",
                                "phase",
                                "trainable_depth"))) {
            for (TheoryRow r : rows) {
                w.row(
                        r.activation(),
                        r.init(),
                        r.sigmaB(),
                        r.sigmaW(),
                        r.qStar(),
                        r.chiQ(),
                        r.chi1(),
                        r.phase(),
                        r.trainableDepth());
            }
        }
        return file;
    }

    /** Writes {@value #CORRELATIONS_CSV}: one row per init and layer. */
    public static Path correlations(
            Path dir, Framework f, String activation, List<CorrelationProfile> ps, Provenance p) {
        Path file = dir.resolve(CORRELATIONS_CSV);
        List<String> header =
                List.of(
                        "framework",
                        "activation",
                        "init",
                        "sigma_b",
                        "sigma_w",
                        "phase",
                        "layer",
                        "c",
                        "c_theory",
                        "q",
                        "q_theory");
        try (CsvWriter w = CsvWriter.create(file, p, header)) {
            for (CorrelationProfile c : ps) {
                double[] cm = c.c();
                double[] ct = c.cTheory();
                double[] qm = c.q();
                double[] qt = c.qTheory();
                for (int l = 0; l <= c.last(); l++) {
                    w.row(
                            f.id(),
                            activation,
                            c.init().scheme().id(),
                            c.init().sigmaB(),
                            c.init().sigmaW(),
                            c.phase(),
                            l,
                            cm[l],
                            ct[l],
                            qm[l],
                            qt[l]);
                }
            }
        }
        return file;
    }

    /** Writes {@value #ACCURACIES_CSV}: one row per training run. */
    public static Path accuracies(
            Path dir,
            Framework f,
            String activation,
            DemoSizes s,
            long seed,
            List<TrainingOutcome> outcomes,
            Provenance p) {
        Path file = dir.resolve(ACCURACIES_CSV);
        try (CsvWriter w = CsvWriter.create(file, p, ACCURACY_COLUMNS)) {
            for (TrainingOutcome o : outcomes) {
                w.row(
                        f.id(),
                        activation,
                        o.init().scheme().id(),
                        o.init().sigmaB(),
                        o.init().sigmaW(),
                        o.phase(),
                        s.trainDepth(),
                        s.trainWidth(),
                        s.batch(),
                        s.learningRate(),
                        s.steps(),
                        s.trainExamples(),
                        s.testExamples(),
                        seed,
                        o.testAccuracy(),
                        o.epoch().trainLoss(),
                        o.epoch().trainAccuracy(),
                        o.epoch().epochSeconds(),
                        o.directory().toString());
            }
        }
        return file;
    }

    /** Draws {@value #CORRELATIONS_PNG}: measured c_l as markers, theory as dashed lines. */
    public static Path chart(Path dir, String title, List<CorrelationProfile> ps, Provenance p) {
        Path file = dir.resolve(CORRELATIONS_PNG);
        List<Series> series = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            CorrelationProfile c = ps.get(i);
            Color color = COLORS.get(i % COLORS.size());
            String name = Demo.initLabel(c.init());
            series.add(
                    Series.of(
                            name + ": theory",
                            c.layers(),
                            c.cTheory(),
                            Series.Style.DASHED,
                            color));
            series.add(
                    Series.of(name + ": measured", c.layers(), c.c(), Series.Style.MARKERS, color));
        }
        int last = ps.get(0).last();
        XYChart chart =
                Charts.lineChart(
                        new Charts.Layout(
                                title,
                                String.format(
                                        Locale.ROOT,
                                        "layer l (0 = input, %d = output layer)",
                                        last),
                                "correlation c_l of two inputs",
                                false,
                                false,
                                PNG_WIDTH,
                                PNG_HEIGHT),
                        series);
        // the curves fill the corners where the legend would go: put it under the plot
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        chart.getStyler().setYAxisMin(DemoText.lowerEdge(ps));
        chart.getStyler().setYAxisMax(1.0);
        Charts.save(file, chart, p);
        return file;
    }
}
