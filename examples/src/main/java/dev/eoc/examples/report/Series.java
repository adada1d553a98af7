package dev.eoc.examples.report;

import java.awt.Color;

/**
 * One line of a chart: its name in the legend, its points, how it is drawn and its colour.
 *
 * @param name legend text
 * @param x abscissae
 * @param y ordinates, same length as x
 * @param style solid line, dashed line or markers only
 * @param color line and marker colour
 * @param inLegend whether the legend lists this series (false for extra segments of one curve)
 */
public record Series(
        String name, double[] x, double[] y, Style style, Color color, boolean inLegend) {

    /** How a series is drawn. */
    public enum Style {
        /** Solid line without markers. */
        SOLID,
        /** Dashed line without markers (reference and theory curves). */
        DASHED,
        /** Markers without a line. */
        MARKERS,
        /** Dotted line with markers. */
        DOTTED_MARKERS
    }

    public Series {
        if (x.length != y.length) {
            throw new IllegalArgumentException(
                    "series '" + name + "': " + x.length + " x values but " + y.length + " y");
        }
        x = x.clone();
        y = y.clone();
    }

    /** A series listed in the legend. */
    public static Series of(String name, double[] x, double[] y, Style style, Color color) {
        return new Series(name, x, y, style, color, true);
    }

    @Override
    public double[] x() {
        return x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    /** Number of points. */
    public int size() {
        return x.length;
    }
}
