package dev.eoc.examples.report;

import java.awt.Color;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.XYStyler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Line charts drawn with XChart, headless, saved as PNG and SVG ({@link ChartFiles}).
 *
 * <p>On a logarithmic axis, points with a non-positive or non-finite coordinate cannot be drawn and
 * are dropped (e.g. 1 - c_l that rounds to 0); a series left empty is omitted.
 */
public final class Charts {

    /**
     * matplotlib's tab10 colours, of which the first four stay distinguishable in colour-blind
     * vision; every chart of the tool takes its series colours from here.
     */
    private static final Color[] TAB10 = {
        new Color(0x1F77B4),
        new Color(0xD62728),
        new Color(0x2CA02C),
        new Color(0xFF7F0E),
        new Color(0x9467BD),
        new Color(0x8C564B),
        new Color(0xE377C2),
        new Color(0x17BECF)
    };

    /** The {@code k}-th series colour (blue, red, green, orange, ...), cycling after eight. */
    public static Color color(int k) {
        return TAB10[Math.floorMod(k, TAB10.length)];
    }

    /** Default image width in pixels. */
    public static final int WIDTH = 900;

    /** Default image height in pixels. */
    public static final int HEIGHT = 600;

    /** Tick label pattern of linear axes (XChart's default prints every digit of the step). */
    private static final String DECIMALS = "0.###";

    static {
        // charts are rendered off-screen; without this AWT may look for a display
        System.setProperty("java.awt.headless", "true");
    }

    private Charts() {}

    /**
     * Layout of a line chart.
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param logX logarithmic x axis
     * @param logY logarithmic y axis
     * @param width image width in pixels
     * @param height image height in pixels
     */
    public record Layout(
            String title,
            String xLabel,
            String yLabel,
            boolean logX,
            boolean logY,
            int width,
            int height) {

        public Layout {
            if (width <= 0 || height <= 0) {
                throw new IllegalArgumentException(
                        "image size must be positive, got " + width + "x" + height);
            }
        }

        /** Linear axes, default size. */
        public static Layout linear(String title, String xLabel, String yLabel) {
            return new Layout(title, xLabel, yLabel, false, false, WIDTH, HEIGHT);
        }

        /** Log-log axes, default size. */
        public static Layout logLog(String title, String xLabel, String yLabel) {
            return new Layout(title, xLabel, yLabel, true, true, WIDTH, HEIGHT);
        }
    }

    /** Builds the chart; {@link #saveLineChart} writes it. */
    public static XYChart lineChart(Layout layout, List<Series> series) {
        XYChart chart =
                new XYChartBuilder()
                        .width(layout.width())
                        .height(layout.height())
                        .title(layout.title())
                        .xAxisTitle(layout.xLabel())
                        .yAxisTitle(layout.yLabel())
                        .build();
        XYStyler styler = chart.getStyler();
        // below the plot: inside, the legend hid curves' ends (the reproduce charts showed it)
        styler.setLegendPosition(Styler.LegendPosition.OutsideS);
        styler.setChartBackgroundColor(java.awt.Color.WHITE);
        styler.setPlotBackgroundColor(java.awt.Color.WHITE);
        styler.setXAxisLogarithmic(layout.logX());
        styler.setYAxisLogarithmic(layout.logY());
        if (!layout.logX()) {
            styler.setXAxisDecimalPattern(DECIMALS);
        }
        if (!layout.logY()) {
            styler.setYAxisDecimalPattern(DECIMALS);
        }
        int index = 0;
        if (!layout.logX()) {
            breakEqualSpacing(chart, series, layout);
        }
        for (Series s : series) {
            double[][] xy = drawable(s, layout);
            if (xy[0].length == 0) {
                continue;
            }
            // XChart needs unique series names; hidden segments get an invisible suffix
            String name = s.inLegend() ? s.name() : s.name() + " [" + index + "]";
            XYSeries xs = chart.addSeries(name, xy[0], xy[1]);
            style(xs, s);
            xs.setShowInLegend(s.inLegend());
            index++;
        }
        return chart;
    }

    /**
     * Draws the series and writes the chart as PNG to exactly {@code file}, with the provenance in
     * its metadata, and as SVG beside it ({@link ChartFiles}).
     */
    public static void saveLineChart(
            Path file, Layout layout, List<Series> series, Provenance provenance) {
        save(file, lineChart(layout, series), provenance);
    }

    /**
     * Writes any XChart chart as PNG to exactly {@code file} (provenance in its text chunks) and as
     * SVG beside it.
     */
    public static void save(Path file, XYChart chart, Provenance provenance) {
        ChartFiles.writePng(
                file, BitmapEncoder.getBufferedImage(chart), chart.getTitle(), provenance);
        ChartFiles.writeSvg(
                ChartFiles.svgBeside(file),
                chart.getWidth(),
                chart.getHeight(),
                g -> chart.paint(g, chart.getWidth(), chart.getHeight()));
    }

    /**
     * XChart puts the x ticks at the data's own x values when they are equally spaced (a sweep over
     * sigma_b gives ticks at 0.034, 0.103, ...). One invisible point off that grid, inside the
     * data's range and not in the legend, makes it choose round ticks as for any other data.
     */
    private static void breakEqualSpacing(XYChart chart, List<Series> series, Layout layout) {
        for (Series s : series) {
            double[][] xy = drawable(s, layout);
            if (xy[0].length >= 3) {
                double x = xy[0][0] + (xy[0][1] - xy[0][0]) / 3;
                XYSeries hidden = chart.addSeries(" ", new double[] {x}, new double[] {xy[1][0]});
                hidden.setMarker(SeriesMarkers.NONE);
                hidden.setLineStyle(SeriesLines.NONE);
                hidden.setShowInLegend(false);
                return;
            }
        }
    }

    private static void style(XYSeries xs, Series s) {
        xs.setLineColor(s.color());
        xs.setMarkerColor(s.color());
        switch (s.style()) {
            case SOLID -> {
                xs.setMarker(SeriesMarkers.NONE);
                xs.setLineStyle(SeriesLines.SOLID);
            }
            case DASHED -> {
                xs.setMarker(SeriesMarkers.NONE);
                xs.setLineStyle(SeriesLines.DASH_DASH);
            }
            case MARKERS -> {
                xs.setMarker(SeriesMarkers.CIRCLE);
                xs.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            }
            case DOTTED_MARKERS -> {
                xs.setMarker(SeriesMarkers.DIAMOND);
                xs.setLineStyle(SeriesLines.DOT_DOT);
            }
        }
    }

    private static double[][] drawable(Series s, Layout layout) {
        double[] x = s.x();
        double[] y = s.y();
        List<double[]> kept = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            boolean ok =
                    Double.isFinite(x[i])
                            && Double.isFinite(y[i])
                            && (!layout.logX() || x[i] > 0)
                            && (!layout.logY() || y[i] > 0);
            if (ok) {
                kept.add(new double[] {x[i], y[i]});
            }
        }
        double[][] xy = new double[2][kept.size()];
        for (int i = 0; i < kept.size(); i++) {
            xy[0][i] = kept.get(i)[0];
            xy[1][i] = kept.get(i)[1];
        }
        return xy;
    }
}
