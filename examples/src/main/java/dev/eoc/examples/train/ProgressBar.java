package dev.eoc.examples.train;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * A one-line progress bar with the time left, for the steps of a whole invocation. On a terminal
 * the line is redrawn in place (at most every {@value #REDRAW_MILLIS} ms); otherwise (logs, CI) a
 * line is printed at every tenth of a phase.
 */
final class ProgressBar {

    private static final int REDRAW_MILLIS = 500;
    private static final int BAR_WIDTH = 24;
    private static final int LOG_LINES_PER_PHASE = 10;

    private final PrintWriter out;
    private final boolean interactive;
    private final long total;
    private final long startNanos = System.nanoTime();
    private long done;
    private String label = "";
    private int phaseSteps;
    private int phaseDone;
    private long lastDraw;

    ProgressBar(PrintWriter out, boolean interactive, long totalSteps) {
        this.out = out;
        this.interactive = interactive;
        this.total = Math.max(1, totalSteps);
    }

    /** Starts a phase (e.g. one epoch) of {@code steps} steps. */
    void start(String phaseLabel, int steps) {
        label = phaseLabel;
        phaseSteps = Math.max(1, steps);
        phaseDone = 0;
        lastDraw = 0;
    }

    /** One step done. */
    void step() {
        done++;
        phaseDone++;
        long now = System.nanoTime();
        if (interactive) {
            if (now - lastDraw >= REDRAW_MILLIS * 1_000_000L || phaseDone == phaseSteps) {
                out.print("\r" + line() + "  ");
                out.flush();
                lastDraw = now;
            }
        } else {
            int every = Math.max(1, phaseSteps / LOG_LINES_PER_PHASE);
            if (phaseDone % every == 0 || phaseDone == phaseSteps) {
                out.println(line());
                out.flush();
            }
        }
    }

    /** Ends the phase with a summary line. */
    void finish(String summary) {
        if (interactive) {
            out.print("\r" + " ".repeat(line().length() + 2) + "\r");
        }
        out.println(summary);
        out.flush();
    }

    /** The current line: label, bar, phase counts, elapsed time and time left for all steps. */
    String line() {
        double fraction = (double) phaseDone / phaseSteps;
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        double elapsed = (System.nanoTime() - startNanos) / 1e9;
        double left = done == 0 ? Double.NaN : elapsed / done * (total - done);
        return String.format(
                Locale.ROOT,
                "%s [%s%s] %3.0f%% %d/%d batches, %s elapsed, ~%s left",
                label,
                "#".repeat(filled),
                "-".repeat(BAR_WIDTH - filled),
                100 * fraction,
                phaseDone,
                phaseSteps,
                clock(elapsed),
                clock(left));
    }

    /** h:mm:ss (or m:ss under an hour); "?" when unknown. */
    static String clock(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "?";
        }
        Duration d = Duration.ofSeconds(Math.round(seconds));
        return d.toHours() > 0
                ? String.format(
                        Locale.ROOT,
                        "%d:%02d:%02d",
                        d.toHours(),
                        d.toMinutesPart(),
                        d.toSecondsPart())
                : String.format(Locale.ROOT, "%d:%02d", d.toMinutes(), d.toSecondsPart());
    }
}
