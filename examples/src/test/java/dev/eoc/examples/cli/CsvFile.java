package dev.eoc.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/** A CSV file as written by the commands: provenance comments, header, rows. */
record CsvFile(List<String> comments, String header, List<String> rows) {

    static CsvFile read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        List<String> comments = lines.stream().takeWhile(l -> l.startsWith("#")).toList();
        List<String> rest = lines.subList(comments.size(), lines.size());
        return new CsvFile(comments, rest.get(0), List.copyOf(rest.subList(1, rest.size())));
    }

    /** Checks the provenance lines name the project, git, command line, JDK and date. */
    void assertProvenance(String command) {
        assertTrue(comments.get(0).startsWith("# eoc "), comments::toString);
        assertTrue(comments.get(0).contains(", git "), comments::toString);
        assertTrue(
                comments.stream().anyMatch(c -> c.contains("eoc " + command)), comments::toString);
        assertTrue(comments.stream().anyMatch(c -> c.startsWith("# jdk: ")), comments::toString);
        assertTrue(comments.stream().anyMatch(c -> c.startsWith("# date: ")), comments::toString);
    }

    static void assertPng(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, "not a readable image: " + file);
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }
}
