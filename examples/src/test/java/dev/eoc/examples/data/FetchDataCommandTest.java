package dev.eoc.examples.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
        // the whole CLI, with its error handling, as ./eoc fetch-data runs it
        CommandLine cli = dev.eoc.examples.cli.EocCli.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "fetch-data";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
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
                "eoc: unknown dataset 'svhn'; expected one of mnist, fashion-mnist,"
                        + " cifar10, e.g. eoc fetch-data mnist",
                err.toString().strip());
    }

    @Test
    void failureExitsWithOneAndExplains() {
        assertEquals(1, run("cifar10", "--data-dir", dir.toString(), "--from", dir.toString()));
        assertTrue(
                err.toString()
                        .startsWith(
                                "eoc: fetch-data cifar10 failed: "
                                        + dir
                                        + " does not look like a CIFAR-10 source"),
                err.toString());
    }
}
