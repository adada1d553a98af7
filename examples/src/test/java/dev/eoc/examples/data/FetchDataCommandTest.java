package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.examples.cli.FetchDataCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The {@code fetch-data} command's usage errors. It lives with the data package it drives; the
 * successful paths are covered by the fetcher tests.
 */
class FetchDataCommandTest {
    @TempDir Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = new CommandLine(new FetchDataCommand());
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        return cli.execute(args);
    }

    @Test
    void cifarWithoutFromSaysWhatToPass() {
        assertEquals(2, run("cifar10", "--data-dir", dir.toString()));
        assertTrue(err.toString().contains("fetch-data cifar10 needs --from DIR"), err.toString());
        assertTrue(
                err.toString().contains("./eoc fetch-data cifar10 --data-dir " + dir + " --from "),
                err.toString());
    }

    @Test
    void unknownDatasetListsTheKnownOnes() {
        assertEquals(2, run("svhn", "--data-dir", dir.toString()));
        assertEquals(
                "fetch-data: unknown dataset 'svhn'; expected one of mnist, fashion-mnist,"
                        + " cifar10",
                err.toString().strip());
    }

    @Test
    void failureExitsWithOneAndExplains() {
        assertEquals(1, run("cifar10", "--data-dir", dir.toString(), "--from", dir.toString()));
        assertTrue(
                err.toString()
                        .startsWith(
                                "fetch-data cifar10 failed: "
                                        + dir
                                        + " does not look like a CIFAR-10 source"),
                err.toString());
    }
}
