package dev.eoc.examples.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.function.DoubleUnaryOperator;

/**
 * Renders a labelled heat map (axes, ticks, title, colour bar, legend) with curves drawn over it,
 * using plain java.awt in headless mode.
 *
 * <p>The colour map is diverging with two slopes (like matplotlib's TwoSlopeNorm): blue from the
 * scale's low end up to its centre, white at the centre, red up to its high end, so each side uses
 * the full colour range even when the data are lopsided; cells with NaN are grey ("undefined").
 * This is the layout of Schoenholz et al. 2017, Fig. 1 (phase diagram with the critical line).
 *
 * <p>Why not XChart's {@code HeatMapChart} (XChart draws every line chart here): it holds one heat
 * series and no XY series, so the Edge-of-Chaos curve (stable part solid, unstable part dashed)
 * cannot be drawn over the map, which is the point of the chart; its axes are categories (one label
 * per grid value) and its colour bar has no two-slope diverging scale centred at chi_1 = 1.
 */
public final class HeatMapRenderer {

    /** Colour of cells without a value. */
    public static final Color UNDEFINED = new Color(0xBBBBBB);

    private static final Color COLD = new Color(0x2166AC);
    private static final Color HOT = new Color(0xB2182B);
    private static final int LEFT = 80;
    private static final int RIGHT = 130;
    private static final int TOP = 50;
    private static final int BOTTOM = 95;
    private static final int TICKS = 6;

    static {
        System.setProperty("java.awt.headless", "true");
    }

    private HeatMapRenderer() {}

    /**
     * A curve drawn over the heat map; NaN points break it into pieces.
     *
     * @param name legend text
     * @param x abscissae in data units
     * @param y ordinates in data units
     * @param dashed dashed instead of solid
     * @param color line colour
     */
    public record Overlay(String name, double[] x, double[] y, boolean dashed, Color color) {
        public Overlay {
            if (x.length != y.length) {
                throw new IllegalArgumentException(
                        "overlay '" + name + "': x and y lengths differ");
            }
            x = x.clone();
            y = y.clone();
        }
    }

    /**
     * Two-slope colour scale: lo maps to full blue, centre to white, hi to full red.
     *
     * @param lo value of full blue, below centre
     * @param centre value drawn white
     * @param hi value of full red, above centre
     */
    public record Scale(double lo, double centre, double hi) {
        public Scale {
            if (!(lo < centre && centre < hi) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
                throw new IllegalArgumentException(
                        "need finite lo < centre < hi, got " + lo + ", " + centre + ", " + hi);
            }
        }

        /** Position in [-1, 1] of v (clamped); NaN stays NaN. */
        public double position(double v) {
            double t = v >= centre ? (v - centre) / (hi - centre) : (v - centre) / (centre - lo);
            return Double.isNaN(t) ? t : Math.max(-1, Math.min(1, t));
        }

        /** The value at position t in [-1, 1]. */
        public double value(double t) {
            return t >= 0 ? centre + t * (hi - centre) : centre + t * (centre - lo);
        }
    }

    /**
     * Text and size of the image.
     *
     * @param title chart title
     * @param xLabel x-axis label
     * @param yLabel y-axis label
     * @param colorLabel colour-bar label
     * @param colorTick formats a colour-bar value (e.g. exp for a log-scaled quantity)
     * @param width image width in pixels
     * @param height image height in pixels
     */
    public record Layout(
            String title,
            String xLabel,
            String yLabel,
            String colorLabel,
            DoubleUnaryOperator colorTick,
            int width,
            int height) {
        public Layout {
            if (width < LEFT + RIGHT + 50 || height < TOP + BOTTOM + 50) {
                throw new IllegalArgumentException("image too small: " + width + "x" + height);
            }
        }
    }

    /**
     * Renders z over the grid xs (columns) by ys (rows); z[i][j] belongs to (xs[j], ys[i]). Grids
     * must be increasing; colours follow {@code scale}.
     */
    public static BufferedImage render(
            Layout layout,
            double[] xs,
            double[] ys,
            double[][] z,
            Scale scale,
            List<Overlay> overlays) {
        if (z.length != ys.length || (ys.length > 0 && z[0].length != xs.length)) {
            throw new IllegalArgumentException("z must be ys.length x xs.length");
        }
        if (xs.length < 2 || ys.length < 2) {
            throw new IllegalArgumentException("need a grid of at least 2x2");
        }
        BufferedImage image =
                new BufferedImage(layout.width(), layout.height(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            paint(g, layout, xs, ys, z, scale, overlays);
        } finally {
            g.dispose();
        }
        return image;
    }

    /** Draws the whole chart on {@code g} (a bitmap's or an SVG document's). */
    private static void paint(
            Graphics2D g,
            Layout layout,
            double[] xs,
            double[] ys,
            double[][] z,
            Scale scale,
            List<Overlay> overlays) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(
                RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, layout.width(), layout.height());
        Frame f = new Frame(layout, edges(xs), edges(ys));
        drawCells(g, f, xs, ys, z, scale);
        drawOverlays(g, f, overlays);
        drawAxes(g, f, layout);
        drawColorBar(g, f, layout, scale);
        drawLegend(g, f, overlays);
    }

    /**
     * Renders as {@link #render} and writes the PNG to exactly {@code file}, with the provenance in
     * its text chunks, and an SVG of the same drawing beside it ({@link ChartFiles}).
     */
    public static void save(
            Path file,
            Provenance provenance,
            Layout layout,
            double[] xs,
            double[] ys,
            double[][] z,
            Scale scale,
            List<Overlay> overlays) {
        ChartFiles.writePng(
                file, render(layout, xs, ys, z, scale, overlays), layout.title(), provenance);
        ChartFiles.writeSvg(
                ChartFiles.svgBeside(file),
                layout.width(),
                layout.height(),
                g -> paint(g, layout, xs, ys, z, scale, overlays));
    }

    /** Diverging colour for t in [-1, 1]: blue at -1, white at 0, red at +1; grey for NaN. */
    public static Color diverging(double t) {
        if (Double.isNaN(t)) {
            return UNDEFINED;
        }
        double s = Math.max(-1, Math.min(1, t));
        Color end = s < 0 ? COLD : HOT;
        double a = Math.abs(s);
        return new Color(
                mix(255, end.getRed(), a), mix(255, end.getGreen(), a), mix(255, end.getBlue(), a));
    }

    private static int mix(int from, int to, double a) {
        return (int) Math.round(from + (to - from) * a);
    }

    /** Plot area and data ranges; maps data to pixels. */
    private record Frame(Layout layout, double[] xEdges, double[] yEdges) {
        int left() {
            return LEFT;
        }

        int right() {
            return layout.width() - RIGHT;
        }

        int top() {
            return TOP;
        }

        int bottom() {
            return layout.height() - BOTTOM;
        }

        double px(double x) {
            double lo = xEdges[0];
            double hi = xEdges[xEdges.length - 1];
            return left() + (x - lo) / (hi - lo) * (right() - left());
        }

        double py(double y) {
            double lo = yEdges[0];
            double hi = yEdges[yEdges.length - 1];
            return bottom() - (y - lo) / (hi - lo) * (bottom() - top());
        }
    }

    /** Cell boundaries: midpoints between grid values, half a step beyond the ends. */
    private static double[] edges(double[] v) {
        double[] e = new double[v.length + 1];
        for (int i = 1; i < v.length; i++) {
            e[i] = (v[i - 1] + v[i]) / 2;
        }
        e[0] = v[0] - (v[1] - v[0]) / 2;
        e[v.length] = v[v.length - 1] + (v[v.length - 1] - v[v.length - 2]) / 2;
        return e;
    }

    private static void drawCells(
            Graphics2D g, Frame f, double[] xs, double[] ys, double[][] z, Scale scale) {
        for (int i = 0; i < ys.length; i++) {
            int y0 = (int) Math.round(f.py(f.yEdges()[i + 1]));
            int y1 = (int) Math.round(f.py(f.yEdges()[i]));
            for (int j = 0; j < xs.length; j++) {
                int x0 = (int) Math.round(f.px(f.xEdges()[j]));
                int x1 = (int) Math.round(f.px(f.xEdges()[j + 1]));
                g.setColor(diverging(scale.position(z[i][j])));
                g.fillRect(x0, y0, x1 - x0, y1 - y0);
            }
        }
    }

    private static void drawOverlays(Graphics2D g, Frame f, List<Overlay> overlays) {
        g.setClip(f.left(), f.top(), f.right() - f.left(), f.bottom() - f.top());
        for (Overlay o : overlays) {
            g.setColor(o.color());
            g.setStroke(stroke(o.dashed()));
            Path2D.Double path = new Path2D.Double();
            boolean pen = false;
            int drawn = 0;
            double[] x = o.x();
            double[] y = o.y();
            for (int i = 0; i < x.length; i++) {
                if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                    pen = false;
                    continue;
                }
                if (pen) {
                    path.lineTo(f.px(x[i]), f.py(y[i]));
                } else {
                    path.moveTo(f.px(x[i]), f.py(y[i]));
                    pen = true;
                }
                drawn++;
            }
            g.draw(path);
            if (drawn <= 2) {
                // a curve of one or two points (e.g. ReLU's single EOC point) needs a marker
                for (int i = 0; i < x.length; i++) {
                    if (Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                        g.fillOval((int) f.px(x[i]) - 5, (int) f.py(y[i]) - 5, 10, 10);
                    }
                }
            }
        }
        g.setClip(null);
    }

    private static BasicStroke stroke(boolean dashed) {
        return dashed
                ? new BasicStroke(
                        2.5f,
                        BasicStroke.CAP_BUTT,
                        BasicStroke.JOIN_ROUND,
                        1f,
                        new float[] {8, 6},
                        0)
                : new BasicStroke(2.5f);
    }

    private static void drawAxes(Graphics2D g, Frame f, Layout layout) {
        g.setStroke(new BasicStroke(1f));
        g.setColor(Color.BLACK);
        g.drawRect(f.left(), f.top(), f.right() - f.left(), f.bottom() - f.top());
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        double[] xe = f.xEdges();
        for (double t : ticks(xe[0], xe[xe.length - 1])) {
            int px = (int) Math.round(f.px(t));
            g.drawLine(px, f.bottom(), px, f.bottom() + 5);
            String s = tickText(t);
            g.drawString(s, px - fm.stringWidth(s) / 2, f.bottom() + 7 + fm.getAscent());
        }
        double[] ye = f.yEdges();
        for (double t : ticks(ye[0], ye[ye.length - 1])) {
            int py = (int) Math.round(f.py(t));
            g.drawLine(f.left() - 5, py, f.left(), py);
            String s = tickText(t);
            g.drawString(s, f.left() - 8 - fm.stringWidth(s), py + fm.getAscent() / 2 - 1);
        }
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 14));
        fm = g.getFontMetrics();
        int cx = (f.left() + f.right()) / 2;
        g.drawString(layout.xLabel(), cx - fm.stringWidth(layout.xLabel()) / 2, f.bottom() + 42);
        AffineTransform saved = g.getTransform();
        int cy = (f.top() + f.bottom()) / 2;
        g.rotate(-Math.PI / 2, 22, cy);
        g.drawString(layout.yLabel(), 22 - fm.stringWidth(layout.yLabel()) / 2, cy + 5);
        g.setTransform(saved);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 16));
        fm = g.getFontMetrics();
        g.drawString(layout.title(), (layout.width() - fm.stringWidth(layout.title())) / 2, 30);
    }

    private static void drawColorBar(Graphics2D g, Frame f, Layout layout, Scale scale) {
        int x0 = f.right() + 30;
        int w = 20;
        int top = f.top();
        int bottom = f.bottom();
        for (int py = top; py <= bottom; py++) {
            double t = 1 - 2.0 * (py - top) / (bottom - top);
            g.setColor(diverging(t));
            g.drawLine(x0, py, x0 + w, py);
        }
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x0, top, w, bottom - top);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        FontMetrics fm = g.getFontMetrics();
        for (int k = -2; k <= 2; k++) {
            double v = scale.value(k / 2.0);
            int py = (int) Math.round(top + (1 - (k + 2) / 4.0) * (bottom - top));
            g.drawLine(x0 + w, py, x0 + w + 4, py);
            g.drawString(
                    tickText(layout.colorTick().applyAsDouble(v)),
                    x0 + w + 6,
                    py + fm.getAscent() / 2 - 1);
        }
        g.drawString(layout.colorLabel(), x0 - 10, top - 8);
    }

    private static void drawLegend(Graphics2D g, Frame f, List<Overlay> overlays) {
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        FontMetrics fm = g.getFontMetrics();
        int x = f.left();
        int y = f.bottom() + 70;
        for (Overlay o : overlays) {
            g.setColor(o.color());
            g.setStroke(stroke(o.dashed()));
            g.drawLine(x, y - 4, x + 30, y - 4);
            g.setColor(Color.BLACK);
            g.drawString(o.name(), x + 36, y);
            x += 36 + fm.stringWidth(o.name()) + 24;
        }
        g.setColor(UNDEFINED);
        g.fillRect(x, y - 10, 14, 12);
        g.setColor(Color.BLACK);
        g.setStroke(new BasicStroke(1f));
        g.drawRect(x, y - 10, 14, 12);
        g.drawString("no variance fixed point", x + 20, y);
    }

    /** About {@value #TICKS} round tick values in [lo, hi]. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / TICKS;
        double mag = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = mag;
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * mag >= raw) {
                step = m * mag;
                break;
            }
        }
        double first = Math.ceil(lo / step - 1e-9) * step;
        int n = (int) Math.floor((hi - first) / step + 1e-9) + 1;
        double[] t = new double[Math.max(n, 0)];
        for (int i = 0; i < t.length; i++) {
            t[i] = first + i * step;
        }
        return t;
    }

    private static String tickText(double v) {
        if (Math.abs(v) < 1e-12) {
            return "0";
        }
        String s = String.format(java.util.Locale.ROOT, "%.3g", v);
        if (s.contains(".") && !s.contains("e")) {
            s = s.replaceAll("0+$", "").replaceAll("\\.$", "");
        }
        return s;
    }
}
