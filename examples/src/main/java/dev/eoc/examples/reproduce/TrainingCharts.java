package dev.eoc.examples.reproduce;

import dev.eoc.examples.report.Charts;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.report.Series;
import dev.eoc.examples.train.TrainingConfig;
import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.style.Styler;

/**
 * The charts of measured training runs, as in Hayou, Doucet &amp; Rousseau 2019, section 5: test
 * accuracy against epoch and against cumulative wall time (mean over seeds, with mean +- one sample
 * standard deviation drawn as dashed lines of the same colour when there are two seeds or more),
 * and the per-layer correlation c_l of the probe pairs at initialization and after the last epoch
 * against its mean-field value. Only epochs every seed reached are drawn; the paper's published
 * means are drawn as markers at their epochs when the run follows the paper's protocol and reached
 * that epoch.
 */
final class TrainingCharts {

    private static final double PERCENT = 100;
    private static final double MINUTE = 60;
    private static final double HOUR = 3600;

    private TrainingCharts() {}

    /** Test accuracy against epoch for several settings (one colour per init). */
    static void accuracyByEpoch(
            Path file, String title, List<SettingSummary> settings, Provenance provenance) {
        Map<SettingSummary, String> names = legendNames(settings);
        List<Series> series = new ArrayList<>();
        for (SettingSummary s : settings) {
            int[] epochs = s.epochs();
            double[] x = new double[epochs.length];
            for (int i = 0; i < epochs.length; i++) {
                x[i] = epochs[i];
            }
            addBand(series, s, names.get(s), x);
            paperMarkers(s)
                    .filter(p -> series.stream().noneMatch(o -> o.name().equals(p.name())))
                    .ifPresent(series::add);
        }
        saveAccuracyChart(
                file,
                Charts.Layout.linear(title, "epoch", "test accuracy (%)"),
                series,
                provenance);
    }

    /** Test accuracy against mean cumulative wall time (training and evaluation) per seed. */
    static void accuracyByTime(
            Path file, String title, List<SettingSummary> settings, Provenance provenance) {
        double longest = 0;
        for (SettingSummary s : settings) {
            if (s.commonEpoch() > 0) {
                longest = Math.max(longest, s.elapsedSeconds(s.commonEpoch()).mean());
            }
        }
        double unit = longest > 2 * HOUR ? HOUR : longest > 2 * MINUTE ? MINUTE : 1;
        String unitName = unit == HOUR ? "h" : unit == MINUTE ? "min" : "s";
        Map<SettingSummary, String> names = legendNames(settings);
        List<Series> series = new ArrayList<>();
        for (SettingSummary s : settings) {
            int[] epochs = s.epochs();
            double[] x = new double[epochs.length];
            for (int i = 0; i < epochs.length; i++) {
                x[i] = s.elapsedSeconds(epochs[i]).mean() / unit;
            }
            addBand(series, s, names.get(s), x);
        }
        saveAccuracyChart(
                file,
                Charts.Layout.linear(
                        title,
                        "wall time per seed, training and evaluation (" + unitName + ")",
                        "test accuracy (%)"),
                series,
                provenance);
    }

    /** Accuracy on a fixed 0-100 % axis, so that charts of different settings compare. */
    private static void saveAccuracyChart(
            Path file, Charts.Layout layout, List<Series> series, Provenance provenance) {
        XYChart chart = Charts.lineChart(layout, series);
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setYAxisMax(PERCENT);
        // accuracy curves end high on the right, where an inside legend would hide them
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideS);
        Charts.save(file, chart, provenance);
    }

    /**
     * c_l against layer: measured at initialization, its mean-field value, and measured after the
     * last epoch every seed reached.
     *
     * @return false (and nothing written) when the run has no per-layer rows
     */
    static boolean correlation(Path file, SettingSummary s, Provenance provenance) {
        double[][] atInit = s.meanCorrelation(0);
        if (atInit.length == 0) {
            return false;
        }
        List<Series> series = new ArrayList<>();
        Color blue = Palette.nth(0);
        series.add(
                Series.of(
                        "measured at initialization",
                        column(atInit, 0),
                        column(atInit, 1),
                        Series.Style.SOLID,
                        blue));
        series.add(
                Series.of(
                        "mean-field theory at initialization",
                        column(atInit, 0),
                        column(atInit, 2),
                        Series.Style.DASHED,
                        Color.BLACK));
        int last = s.commonEpoch();
        double[][] trained = last > 0 ? s.meanCorrelation(last) : new double[0][];
        if (trained.length > 0) {
            series.add(
                    Series.of(
                            "measured after epoch " + last,
                            column(trained, 0),
                            column(trained, 1),
                            Series.Style.SOLID,
                            Palette.nth(1)));
        }
        TrainingConfig c = s.run().config();
        Charts.saveLineChart(
                file,
                Charts.Layout.linear(
                        String.format(
                                "c_l of probe pairs, %s %s %s, mean of %d seed(s)",
                                c.framework().id(), c.activation(), c.init().id(), s.seedsDone()),
                        "layer l (0 = input)",
                        "correlation c_l"),
                series,
                provenance);
        return true;
    }

    /**
     * "tanh eoc (djl, 2 seed(s))" for each setting; settings that would share a name (runs of one
     * setting in two directories) get their directory name appended, as XChart needs unique names.
     */
    static Map<SettingSummary, String> legendNames(List<SettingSummary> settings) {
        Map<String, Integer> count = new HashMap<>();
        for (SettingSummary s : settings) {
            count.merge(baseName(s), 1, Integer::sum);
        }
        Map<SettingSummary, String> out = new IdentityHashMap<>();
        for (SettingSummary s : settings) {
            String base = baseName(s);
            out.put(
                    s,
                    count.get(base) > 1
                            ? base + " [" + s.run().directory().getFileName() + "]"
                            : base);
        }
        return out;
    }

    private static String baseName(SettingSummary s) {
        TrainingConfig c = s.run().config();
        return c.activation()
                + " "
                + c.init().id()
                + " ("
                + c.framework().id()
                + ", "
                + s.seedsDone()
                + " seed(s))";
    }

    private static void addBand(List<Series> series, SettingSummary s, String name, double[] x) {
        int[] epochs = s.epochs();
        double[] mean = new double[epochs.length];
        double[] lo = new double[epochs.length];
        double[] hi = new double[epochs.length];
        for (int i = 0; i < epochs.length; i++) {
            Stats a = s.testAccuracy(epochs[i]).scaled(PERCENT);
            mean[i] = a.mean();
            lo[i] = a.mean() - a.std();
            hi[i] = a.mean() + a.std();
        }
        Color color = Palette.of(s.run().config().init());
        // a single epoch is a point, which a line without markers would not show
        Series.Style style = x.length == 1 ? Series.Style.MARKERS : Series.Style.SOLID;
        series.add(Series.of(name, x, mean, style, color));
        if (s.seedsDone() >= 2) {
            series.add(new Series(name + " - std", x, lo, Series.Style.DASHED, color, false));
            series.add(new Series(name + " + std", x, hi, Series.Style.DASHED, color, false));
        }
    }

    /** The paper's means at the epochs this run reached, when it follows the paper's protocol. */
    private static Optional<Series> paperMarkers(SettingSummary s) {
        TrainingConfig c = s.run().config();
        if (!PaperResults.sameProtocol(c)) {
            return Optional.empty();
        }
        List<double[]> points = new ArrayList<>();
        for (int epoch : PaperResults.BY_EPOCH) {
            if (epoch > s.commonEpoch()) {
                continue;
            }
            Optional<PaperResults.Value> v =
                    switch (c.init()) {
                        case EOC -> PaperResults.eocAtEpoch(c.dataset(), c.activation(), epoch);
                        default ->
                                epoch == PaperResults.EPOCHS
                                        ? PaperResults.after100Epochs(
                                                c.dataset(), c.activation(), c.init())
                                        : Optional.empty();
                    };
            v.ifPresent(p -> points.add(new double[] {epoch, p.mean()}));
        }
        if (points.isEmpty()) {
            return Optional.empty();
        }
        double[][] xy = {
            points.stream().mapToDouble(p -> p[0]).toArray(),
            points.stream().mapToDouble(p -> p[1]).toArray()
        };
        return Optional.of(
                Series.of(
                        "paper: " + c.activation() + " " + c.init().id() + ", mean of 10 seeds",
                        xy[0],
                        xy[1],
                        Series.Style.MARKERS,
                        Palette.of(c.init())));
    }

    private static double[] column(double[][] rows, int k) {
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) {
            out[i] = rows[i][k];
        }
        return out;
    }
}
