package dev.eoc.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsAndHeatMapTest {

    @Test
    void logLogChartDropsNonPositivePointsAndSavesToTheExactPath(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("chart.img"); // no .png suffix: must not be appended
        double[] x = {0, 1, 2, 4};
        double[] y = {1, 0.5, 0, 0.125};
        Charts.saveLineChart(
                file,
                new Charts.Layout("t", "x", "y", true, true, 400, 300),
                List.of(Series.of("s", x, y, Series.Style.SOLID, Color.BLUE)));
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image);
        assertEquals(400, image.getWidth());
        assertEquals(300, image.getHeight());
        assertEquals(
                2,
                Charts.lineChart(
                                new Charts.Layout("t", "x", "y", true, true, 400, 300),
                                List.of(Series.of("s", x, y, Series.Style.DASHED, Color.RED)))
                        .getSeriesMap()
                        .get("s")
                        .getXData()
                        .length);
    }

    @Test
    void divergingColourMapIsWhiteAtTheCentreAndGreyForNaN() {
        assertEquals(Color.WHITE, HeatMapRenderer.diverging(0));
        assertEquals(HeatMapRenderer.UNDEFINED, HeatMapRenderer.diverging(Double.NaN));
        Color hot = HeatMapRenderer.diverging(1);
        Color cold = HeatMapRenderer.diverging(-1);
        assertEquals(hot, HeatMapRenderer.diverging(5), "saturates");
        assert hot.getRed() > hot.getBlue() && cold.getBlue() > cold.getRed();
    }

    @Test
    void twoSlopeScaleMapsEachSideToItsHalf() {
        HeatMapRenderer.Scale s = new HeatMapRenderer.Scale(-4, 0, 1);
        assertEquals(-1, s.position(-4));
        assertEquals(-0.5, s.position(-2));
        assertEquals(0.5, s.position(0.5));
        assertEquals(1, s.position(3));
        assertEquals(-2, s.value(-0.5));
    }

    @Test
    void ticksAreRound() {
        assertArrayEquals(new double[] {0, 1, 2, 3, 4}, HeatMapRenderer.ticks(-0.05, 4.05), 1e-12);
    }

    @Test
    void rendersAHeatMapWithOverlay(@TempDir Path dir) throws IOException {
        double[] xs = {1, 2, 3};
        double[] ys = {0, 1};
        double[][] z = {{-1, 0, 1}, {Double.NaN, 0.5, 2}};
        HeatMapRenderer.Layout layout =
                new HeatMapRenderer.Layout("title", "x", "y", "z", v -> v, 500, 400);
        BufferedImage image =
                HeatMapRenderer.render(
                        layout,
                        xs,
                        ys,
                        z,
                        new HeatMapRenderer.Scale(-1, 0, 2),
                        List.of(
                                new HeatMapRenderer.Overlay(
                                        "curve",
                                        new double[] {1, 2, 3},
                                        new double[] {0, Double.NaN, 1},
                                        false,
                                        Color.BLACK)));
        Path file = dir.resolve("h.png");
        HeatMapRenderer.save(file, image);
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(500, back.getWidth());
        assertEquals(400, back.getHeight());
    }
}
