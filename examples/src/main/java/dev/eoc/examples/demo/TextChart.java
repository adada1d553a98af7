package dev.eoc.examples.demo;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A line chart drawn with characters, for terminals: each series is a symbol, either at its points
 * only (measurements) or at every column between its first and last point, linearly interpolated
 * (theory curves). Series drawn later cover earlier ones, so draw curves first and measurements on
 * top. Non-finite points are skipped; values outside the y range are clamped to its edge.
 */
public final class TextChart {

    /** Width of the y-axis labels, e.g. {@code " 0.50"}. */
    private static final int LABEL_WIDTH = 6;

    /**
     * One series.
     *
     * @param symbol the character drawn
     * @param label legend text; empty for none
     * @param x abscissae, increasing
     * @param y ordinates, same length
     * @param connected draw at every column (curve) rather than at the points only (markers)
     */
    public record Line(char symbol, String label, double[] x, double[] y, boolean connected) {
        public Line {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "line '" + label + "': " + x.length + " x values, " + y.length + " y");
            }
            x = x.clone();
            y = y.clone();
        }

        /** Markers at the points. */
        public static Line markers(char symbol, String label, double[] x, double[] y) {
            return new Line(symbol, label, x, y, false);
        }

        /** A curve through the points. */
        public static Line curve(char symbol, String label, double[] x, double[] y) {
            return new Line(symbol, label, x, y, true);
        }
    }

    private final int width;
    private final int height;
    private final double yMin;
    private final double yMax;

    private TextChart(int width, int height, double yMin, double yMax) {
        this.width = width;
        this.height = height;
        this.yMin = yMin;
        this.yMax = yMax;
    }

    /**
     * A plot area of {@code width x height} characters for y in [yMin, yMax].
     *
     * @throws IllegalArgumentException when the area is smaller than 2 x 2 or yMin &gt;= yMax
     */
    public static TextChart of(int width, int height, double yMin, double yMax) {
        if (width < 2 || height < 2) {
            throw new IllegalArgumentException(
                    "plot area must be at least 2 x 2, got " + width + " x " + height);
        }
        if (!(yMin < yMax) || Double.isInfinite(yMin) || Double.isInfinite(yMax)) {
            throw new IllegalArgumentException(
                    "need finite yMin < yMax, got [" + yMin + ", " + yMax + "]");
        }
        return new TextChart(width, height, yMin, yMax);
    }

    /**
     * The chart: {@code height} plot rows with y labels at the top, middle and bottom, an x axis
     * with its first, middle and last value, the x label, and one legend line per series.
     */
    public String render(List<Line> lines, String xLabel) {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        for (Line l : lines) {
            for (double x : l.x()) {
                if (Double.isFinite(x)) {
                    xMin = Math.min(xMin, x);
                    xMax = Math.max(xMax, x);
                }
            }
        }
        if (!(xMin < xMax)) {
            throw new IllegalArgumentException("need at least two distinct finite x values");
        }
        char[][] grid = new char[height][width];
        for (char[] row : grid) {
            Arrays.fill(row, ' ');
        }
        for (Line l : lines) {
            draw(grid, l, xMin, xMax);
        }
        return frame(grid, xMin, xMax, xLabel) + legend(lines);
    }

    private void draw(char[][] grid, Line l, double xMin, double xMax) {
        double[] x = l.x();
        double[] y = l.y();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                continue;
            }
            grid[row(y[i])][column(x[i], xMin, xMax)] = l.symbol();
            int next = i + 1;
            if (l.connected()
                    && next < x.length
                    && Double.isFinite(x[next])
                    && Double.isFinite(y[next])) {
                int from = column(x[i], xMin, xMax);
                int to = column(x[next], xMin, xMax);
                for (int col = from + 1; col < to; col++) {
                    double xc = xMin + (xMax - xMin) * col / (width - 1);
                    double t = (xc - x[i]) / (x[next] - x[i]);
                    grid[row(y[i] + t * (y[next] - y[i]))][col] = l.symbol();
                }
            }
        }
    }

    int column(double x, double xMin, double xMax) {
        return (int) Math.round((x - xMin) / (xMax - xMin) * (width - 1));
    }

    int row(double y) {
        double clamped = Math.max(yMin, Math.min(yMax, y));
        return (int) Math.round((yMax - clamped) / (yMax - yMin) * (height - 1));
    }

    private String frame(char[][] grid, double xMin, double xMax, String xLabel) {
        StringBuilder b = new StringBuilder();
        int middle = (height - 1) / 2;
        for (int r = 0; r < height; r++) {
            String label = "";
            if (r == 0 || r == middle || r == height - 1) {
                double y = yMax - (yMax - yMin) * r / (height - 1);
                label = String.format(Locale.ROOT, "%5.2f", y);
            }
            String row = pad(label, LABEL_WIDTH - 1) + '|' + new String(grid[r]);
            b.append(row.stripTrailing()).append('\n');
        }
        b.append(" ".repeat(LABEL_WIDTH - 1)).append('+').append("-".repeat(width)).append('\n');
        String left = axisNumber(xMin);
        double xMid = (xMin + xMax) / 2;
        if (xMin == Math.rint(xMin) && xMax == Math.rint(xMax)) {
            xMid = Math.floor(xMid); // integer axes (layers) get an integer middle tick
        }
        String mid = axisNumber(xMid);
        String right = axisNumber(xMax);
        char[] ticks = new char[width + 2];
        Arrays.fill(ticks, ' ');
        place(ticks, left, 1);
        place(ticks, mid, column(xMid, xMin, xMax) + 1 - mid.length() / 2);
        place(ticks, right, width + 1 - right.length());
        b.append(" ".repeat(LABEL_WIDTH - 1))
                .append(new String(ticks).stripTrailing())
                .append('\n');
        b.append(" ".repeat(LABEL_WIDTH)).append(centred(xLabel, width)).append('\n');
        return b.toString();
    }

    private static String legend(List<Line> lines) {
        List<String> parts = new ArrayList<>();
        for (Line l : lines) {
            if (!l.label().isEmpty()) {
                parts.add("  " + l.symbol() + " " + l.label() + "\n");
            }
        }
        return String.join("", parts);
    }

    private static void place(char[] row, String text, int at) {
        int start = Math.max(0, Math.min(at, row.length - text.length()));
        for (int i = 0; i < text.length() && start + i < row.length; i++) {
            row[start + i] = text.charAt(i);
        }
    }

    private static String axisNumber(double x) {
        return x == Math.rint(x) ? Long.toString((long) x) : String.format(Locale.ROOT, "%.3g", x);
    }

    private static String pad(String s, int width) {
        return " ".repeat(Math.max(0, width - s.length())) + s;
    }

    private static String centred(String s, int width) {
        int left = Math.max(0, (width - s.length()) / 2);
        return (" ".repeat(left) + s).stripTrailing();
    }
}
