package dev.eoc.examples.report;

import de.erichseifert.vectorgraphics2d.Processors;
import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * Writes a chart twice: a PNG whose text chunks carry the provenance (version, git revision,
 * command line, JDK, date: what used to be printed in chart titles) and an SVG of the same drawing
 * beside it ({@code chart.png} and {@code chart.svg}), drawn by VectorGraphics2D, which XChart
 * already brings.
 *
 * <p>PNG tEXt keywords follow the PNG specification's predefined ones (Title, Software, Source,
 * Comment, Creation Time); {@code exiftool} or {@code identify -verbose} show them.
 */
public final class ChartFiles {

    private static final String PNG_METADATA_FORMAT = "javax_imageio_png_1.0";

    private ChartFiles() {}

    /**
     * The SVG path beside a PNG path: {@code x.png} gives {@code x.svg}, {@code x} {@code x.svg}.
     */
    public static Path svgBeside(Path png) {
        String name = png.getFileName().toString();
        String stem =
                name.toLowerCase(java.util.Locale.ROOT).endsWith(".png")
                        ? name.substring(0, name.length() - 4)
                        : name;
        return png.resolveSibling(stem + ".svg");
    }

    /** The PNG text chunks of a chart with this title and provenance, in writing order. */
    static Map<String, String> textChunks(String title, Provenance p) {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("Title", title);
        m.put("Software", "eoc " + p.version());
        m.put("Source", "git " + p.gitRevision());
        m.put("Comment", "command: " + p.commandLine() + "; jdk: " + p.jdk());
        m.put("Creation Time", p.date());
        return m;
    }

    /** Writes {@code image} as PNG to exactly {@code file}, with the provenance in tEXt chunks. */
    public static void writePng(Path file, BufferedImage image, String title, Provenance p) {
        try {
            createParent(file);
            ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
            try (ImageOutputStream out = ImageIO.createImageOutputStream(file.toFile())) {
                ImageWriteParam param = writer.getDefaultWriteParam();
                IIOMetadata meta =
                        writer.getDefaultImageMetadata(
                                ImageTypeSpecifier.createFromRenderedImage(image), param);
                IIOMetadataNode text = new IIOMetadataNode("tEXt");
                for (Map.Entry<String, String> e : textChunks(title, p).entrySet()) {
                    IIOMetadataNode entry = new IIOMetadataNode("tEXtEntry");
                    entry.setAttribute("keyword", e.getKey());
                    entry.setAttribute("value", latin1(e.getValue()));
                    text.appendChild(entry);
                }
                IIOMetadataNode root = new IIOMetadataNode(PNG_METADATA_FORMAT);
                root.appendChild(text);
                meta.mergeTree(PNG_METADATA_FORMAT, root);
                writer.setOutput(out);
                writer.write(null, new IIOImage(image, null, meta), param);
            } finally {
                writer.dispose();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Writes what {@code painter} draws on a width x height canvas as SVG to exactly {@code file}.
     */
    public static void writeSvg(Path file, int width, int height, Consumer<Graphics2D> painter) {
        VectorGraphics2D g = new VectorGraphics2D();
        painter.accept(g);
        g.dispose();
        try {
            createParent(file);
            try (OutputStream out = Files.newOutputStream(file)) {
                Processors.get("svg")
                        .getDocument(g.getCommands(), new PageSize(0, 0, width, height))
                        .writeTo(out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    /** tEXt values are ISO 8859-1: anything else becomes '?'. */
    private static String latin1(String s) {
        return new String(s.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1);
    }
}
