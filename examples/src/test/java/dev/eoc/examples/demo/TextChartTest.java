package dev.eoc.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextChartTest {

    /** Label column plus the axis bar: where plot column 0 starts in a rendered row. */
    private static final int PLOT_START = 6;

    private static final double[] X = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10};

    /** Rendered plot rows only (the first {@code height} lines). */
    private static List<String> plotRows(String chart, int height) {
        return chart.lines().limit(height).toList();
    }

    private static char at(List<String> rows, int row, int column) {
        String line = rows.get(row);
        int i = PLOT_START + column;
        return i < line.length() ? line.charAt(i) : ' ';
    }

    @Test
    void aDiagonalCurveOnAnElevenByElevenGridFillsTheAntiDiagonal() {
        double[] y = new double[X.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = X[i] / 10;
        }
        String chart =
                TextChart.of(11, 11, 0, 1)
                        .render(List.of(TextChart.Line.curve('*', "", X, y)), "x");
        List<String> rows = plotRows(chart, 11);
        for (int col = 0; col < 11; col++) {
            for (int row = 0; row < 11; row++) {
                // y = x / 10 puts column col at row 10 - col (row 0 is y = 1) and nowhere else
                assertEquals(row == 10 - col ? '*' : ' ', at(rows, row, col), chart);
            }
        }
    }

    @Test
    void curvesAreInterpolatedBetweenPointsAndMarkersAreNot() {
        double[] x = {0, 10};
        double[] y = {0.5, 0.5};
        String chart =
                TextChart.of(21, 5, 0, 1)
                        .render(
                                List.of(
                                        TextChart.Line.curve('c', "", x, y),
                                        TextChart.Line.markers('M', "", x, new double[] {0, 1})),
                                "x");
        List<String> rows = plotRows(chart, 5);
        for (int col = 0; col < 21; col++) {
            assertEquals('c', at(rows, 2, col), chart); // y = 0.5 is the middle row of 5
        }
        assertEquals('M', at(rows, 4, 0), chart);
        assertEquals('M', at(rows, 0, 20), chart);
        assertEquals(2, chart.chars().filter(ch -> ch == 'M').count(), chart);
    }

    @Test
    void laterLinesCoverEarlierOnesNonFiniteValuesAreSkippedOutOfRangeValuesClamped() {
        double[] x = {0, 1, 2, 3};
        String chart =
                TextChart.of(4, 3, 0, 1)
                        .render(
                                List.of(
                                        TextChart.Line.markers(
                                                'a', "first", x, new double[] {1, 1, 1, 1}),
                                        TextChart.Line.markers(
                                                'b',
                                                "second",
                                                x,
                                                new double[] {1, Double.NaN, 7, -3})),
                                "x");
        List<String> rows = plotRows(chart, 3);
        assertEquals('b', at(rows, 0, 0), chart); // drawn over 'a'
        assertEquals('a', at(rows, 0, 1), chart); // NaN: nothing drawn, 'a' stays
        assertEquals('b', at(rows, 0, 2), chart); // 7 clamped to the top
        assertEquals('b', at(rows, 2, 3), chart); // -3 clamped to the bottom
        assertTrue(chart.contains("  a first\n  b second\n"), chart);
    }

    @Test
    void axesCarryTheYRangeAndTheFirstMiddleAndLastLayer() {
        String chart =
                TextChart.of(60, 15, -0.1, 1)
                        .render(List.of(TextChart.Line.markers('x', "", X, X)), "layer");
        List<String> lines = chart.lines().toList();
        assertTrue(lines.get(0).startsWith(" 1.00|"), chart);
        assertTrue(lines.get(7).startsWith(" 0.45|"), chart);
        assertTrue(lines.get(14).startsWith("-0.10|"), chart);
        assertEquals("     +" + "-".repeat(60), lines.get(15));
        String ticks = lines.get(16);
        assertEquals("0", ticks.substring(PLOT_START, PLOT_START + 1), chart);
        assertTrue(ticks.endsWith("10"), chart);
        assertTrue(ticks.contains(" 5 "), chart);
        assertEquals("layer", lines.get(17).strip());
        assertEquals(18, lines.size(), chart); // no legend for unlabelled lines
    }

    @Test
    void rejectsDegenerateAreasRangesAndData() {
        assertThrows(IllegalArgumentException.class, () -> TextChart.of(1, 10, 0, 1));
        assertThrows(IllegalArgumentException.class, () -> TextChart.of(10, 10, 1, 1));
        assertThrows(IllegalArgumentException.class, () -> TextChart.of(10, 10, 0, Double.NaN));
        assertThrows(
                IllegalArgumentException.class,
                () -> TextChart.Line.curve('a', "", new double[] {0, 1}, new double[] {0}));
        TextChart chart = TextChart.of(10, 10, 0, 1);
        double[] one = {3};
        assertThrows(
                IllegalArgumentException.class,
                () -> chart.render(List.of(TextChart.Line.markers('a', "", one, one)), "x"));
    }
}
