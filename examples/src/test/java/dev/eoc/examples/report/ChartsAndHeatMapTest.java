package dev.eoc.examples.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsAndHeatMapTest {

    /**
     * Issue 15 (11): the provenance went into every chart title ("eoc development build, git
     * 1a2b3c"); it is in the PNG's text chunks now, and an SVG of the same chart lies beside it.
     */
    @Test
    void provenanceIsInThePngMetadataNotTheTitleAndAnSvgLiesBeside(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("c.png");
        Provenance p =
                new Provenance("9.9.9", "abc1234", "eoc curve --png c.png", "17 (x)", "2026-12-03");
        Charts.saveLineChart(
                file,
                Charts.Layout.linear("Edge of Chaos of tanh", "x", "y"),
                List.of(
                        Series.of(
                                "s",
                                new double[] {0, 1},
                                new double[] {1, 2},
                                Series.Style.SOLID,
                                Color.BLUE)),
                p);
        javax.imageio.ImageReader reader = ImageIO.getImageReadersByFormatName("png").next();
        java.util.Map<String, String> text = new java.util.HashMap<>();
        try (javax.imageio.stream.ImageInputStream in =
                ImageIO.createImageInputStream(file.toFile())) {
            reader.setInput(in);
            org.w3c.dom.Node root = reader.getImageMetadata(0).getAsTree("javax_imageio_png_1.0");
            for (org.w3c.dom.Node n = root.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n.getNodeName().equals("tEXt")) {
                    for (org.w3c.dom.Node e = n.getFirstChild();
                            e != null;
                            e = e.getNextSibling()) {
                        org.w3c.dom.NamedNodeMap a = e.getAttributes();
                        text.put(
                                a.getNamedItem("keyword").getNodeValue(),
                                a.getNamedItem("value").getNodeValue());
                    }
                }
            }
        }
        assertEquals("Edge of Chaos of tanh", text.get("Title"));
        assertEquals("eoc 9.9.9", text.get("Software"));
        assertEquals("git abc1234", text.get("Source"));
        assertTrue(text.get("Comment").contains("eoc curve --png c.png"), text.toString());
        String svg = Files.readString(dir.resolve("c.svg"));
        assertTrue(svg.contains("<svg"), svg.substring(0, Math.min(200, svg.length())));
        // XChart draws its text as outlines, so the SVG holds paths, at the chart's size
        assertTrue(svg.contains("<path"), "the SVG holds the drawing");
        assertTrue(svg.contains("viewBox=\"0 0 900 600\""), svg.substring(0, 400));
    }

    @Test
    void logLogChartDropsNonPositivePointsAndSavesToTheExactPath(@TempDir Path dir)
            throws IOException {
        Path file = dir.resolve("chart.img"); // no .png suffix: must not be appended
        double[] x = {0, 1, 2, 4};
        double[] y = {1, 0.5, 0, 0.125};
        Charts.saveLineChart(
                file,
                new Charts.Layout("t", "x", "y", true, true, 400, 300),
                List.of(Series.of("s", x, y, Series.Style.SOLID, Color.BLUE)),
                Provenance.of("test"));
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
        List<HeatMapRenderer.Overlay> overlays =
                List.of(
                        new HeatMapRenderer.Overlay(
                                "curve",
                                new double[] {1, 2, 3},
                                new double[] {0, Double.NaN, 1},
                                false,
                                Color.BLACK));
        Path file = dir.resolve("h.png");
        HeatMapRenderer.save(
                file,
                Provenance.of("test"),
                layout,
                xs,
                ys,
                z,
                new HeatMapRenderer.Scale(-1, 0, 2),
                overlays);
        assertTrue(Files.readString(dir.resolve("h.svg")).contains("<svg"));
        BufferedImage back = ImageIO.read(file.toFile());
        assertEquals(500, back.getWidth());
        assertEquals(400, back.getHeight());
    }
}
