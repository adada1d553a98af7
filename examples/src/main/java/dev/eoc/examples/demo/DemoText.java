package dev.eoc.examples.demo;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.TrainingConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The demo's printed text: headings, tables, the text chart and the summary. */
final class DemoText {

    /** Plot area of the text chart in characters. */
    static final int CHART_WIDTH = 60;

    static final int CHART_HEIGHT = 15;

    /** Symbols of default, ordered and EOC: upper case measured, lower case theory. */
    static final String SYMBOLS = "DOE";

    private static final int SECONDS_PER_MINUTE = 60;

    private DemoText() {}

    static String theoryHeading() {
        return "1. Theory (eoc-core, mean field): the Edge of Chaos vs the frameworks' default"
                + " initializers";
    }

    static String theoryNotes() {
        return "  q* is stable when chi_q < 1; trainable depth ~ 6 xi_c (Schoenholz et al. 2017),"
                + " unlimited on the EOC;\n"
                + "  q_l -> 0 / inf: no variance fixed point. Defaults: zero biases, sigma_w on a"
                + " square layer.\n";
    }

    static String probeHeading(Framework f, DemoSizes s) {
        return String.format(
                Locale.ROOT,
                "2. At initialization: a depth-%d, width-%d %s MLP in %s; correlation c_l of %d"
                        + " pairs of MNIST test images",
                s.probeDepth(),
                s.probeWidth(),
                Demo.ACTIVATION,
                f.id().toUpperCase(Locale.ROOT),
                s.probePairs());
    }

    /** c_l measured (theory) at the input, mid-depth, the last hidden layer and the output. */
    static String profileTable(List<CorrelationProfile> ps) {
        int last = ps.get(0).last();
        int depth = last - 1;
        int[] at = {0, depth / 2, depth, last};
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "  %-23s %-13s %-8s %-17s %-17s %s%n",
                        "init (sigma_b, sigma_w)",
                        "phase",
                        "c_0",
                        "c_" + at[1],
                        "c_" + at[2],
                        "output layer"));
        for (CorrelationProfile p : ps) {
            double[] c = p.c();
            double[] t = p.cTheory();
            b.append(
                    String.format(
                            Locale.ROOT,
                            "  %-23s %-13s %-8.4f %-17s %-17s %s%n",
                            Demo.initLabel(p.init()),
                            p.phase(),
                            c[0],
                            pair(c[at[1]], t[at[1]]),
                            pair(c[at[2]], t[at[2]]),
                            pair(c[at[3]], t[at[3]])));
        }
        b.append("  measured (mean-field theory for the same weights)\n");
        return b.toString();
    }

    /** The text chart of c_l: theory curves in lower case under measured markers. */
    static String chart(List<CorrelationProfile> ps) {
        double yMin = lowerEdge(ps);
        List<TextChart.Line> lines = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            char symbol = SYMBOLS.charAt(i % SYMBOLS.length());
            lines.add(
                    TextChart.Line.curve(
                            Character.toLowerCase(symbol),
                            "",
                            ps.get(i).layers(),
                            ps.get(i).cTheory()));
        }
        List<String> legend = new ArrayList<>();
        for (int i = 0; i < ps.size(); i++) {
            char symbol = SYMBOLS.charAt(i % SYMBOLS.length());
            lines.add(TextChart.Line.markers(symbol, "", ps.get(i).layers(), ps.get(i).c()));
            legend.add(
                    symbol
                            + "/"
                            + Character.toLowerCase(symbol)
                            + " "
                            + Demo.initLabel(ps.get(i).init()));
        }
        int last = ps.get(0).last();
        String chart =
                TextChart.of(CHART_WIDTH, CHART_HEIGHT, yMin, 1.0)
                        .render(
                                lines,
                                String.format(
                                        Locale.ROOT,
                                        "layer l (0 = input, %d = output layer)",
                                        last));
        return "  c_l\n"
                + chart.stripTrailing()
                + "\n  "
                + String.join("   ", legend)
                + "\n  upper case: measured; lower case: mean-field theory\n";
    }

    /** A round lower edge (a multiple of 0.1, at most 0) at or below every c_l. */
    static double lowerEdge(List<CorrelationProfile> ps) {
        double lowest = 0;
        for (CorrelationProfile p : ps) {
            for (double[] values : List.of(p.c(), p.cTheory())) {
                for (double v : values) {
                    lowest = Double.isFinite(v) ? Math.min(lowest, v) : lowest;
                }
            }
        }
        return Math.floor(lowest * 10) / 10;
    }

    static String trainingHeading(Framework f, ActivationFunction a, DemoSizes s) {
        TheoryRow d = TheoryRow.of(TheoryTable.defaultLabel(f), TheoryTable.analyzeDefault(f, a));
        return String.format(
                        Locale.ROOT,
                        "3. In training: MNIST, depth %d, width %d, %d SGD steps (batch %d, lr %s)"
                                + " on %d images, accuracy on %d test images",
                        s.trainDepth(),
                        s.trainWidth(),
                        s.steps(),
                        s.batch(),
                        s.learningRate(),
                        s.trainExamples(),
                        s.testExamples())
                + "\n  "
                + depthVerdict(d, s.trainDepth());
    }

    /** Where the training depth stands against the default's predicted trainable depth. */
    static String depthVerdict(TheoryRow d, int depth) {
        double limit = d.trainableDepth();
        if (Double.isNaN(limit)) {
            return String.format(
                    Locale.ROOT,
                    "%s (%s, %s) has no variance fixed point for %s (%s): the mean-field theory"
                            + " sets it no depth limit.",
                    d.init(),
                    short4(d.sigmaB()),
                    short4(d.sigmaW()),
                    d.activation(),
                    d.phase());
        }
        if (Double.isInfinite(limit)) {
            return d.init() + " is on the Edge of Chaos for " + d.activation() + ".";
        }
        return String.format(
                Locale.ROOT,
                "Depth %d is %s the %s's trainable depth of %.0f layers (%s).",
                depth,
                depth > limit ? "beyond" : "within",
                d.init(),
                limit,
                d.phase());
    }

    /** Test accuracy, training loss and time per initialization. */
    static String accuracyTable(List<TrainingOutcome> outcomes) {
        StringBuilder b = new StringBuilder();
        b.append(
                String.format(
                        Locale.ROOT,
                        "  %-23s %-13s %-14s %-11s %-9s %s%n",
                        "init (sigma_b, sigma_w)",
                        "phase",
                        "test accuracy",
                        "train loss",
                        "time",
                        "listener (worst verdict)"));
        for (TrainingOutcome o : outcomes) {
            b.append(
                    String.format(
                            Locale.ROOT,
                            "  %-23s %-13s %-14s %-11.4f %-9s %s%n",
                            Demo.initLabel(o.init()),
                            o.phase(),
                            percent(o.testAccuracy()),
                            o.epoch().trainLoss(),
                            duration(o.epoch().epochSeconds() + o.epoch().evalSeconds()),
                            o.epoch().verdict()));
        }
        return b.toString();
    }

    static String summary(
            Framework f,
            DemoSizes s,
            List<TrainingOutcome> outcomes,
            List<Path> files,
            Path dir,
            int classes,
            double seconds,
            boolean quick) {
        StringBuilder b = new StringBuilder("4. Summary\n  ");
        List<String> accuracies = new ArrayList<>();
        for (TrainingOutcome o : outcomes) {
            accuracies.add(Demo.initLabel(o.init()) + " " + percent(o.testAccuracy()));
        }
        b.append(String.format(Locale.ROOT, "At depth %d: ", s.trainDepth()))
                .append(String.join(", ", accuracies))
                .append(" test accuracy (chance: ")
                .append(percent(1.0 / classes))
                .append(").\n  Chart: ")
                .append(files.get(0))
                .append("\n  CSV:   ");
        List<String> csv = new ArrayList<>();
        for (Path p : files.subList(1, files.size())) {
            csv.add(p.toString());
        }
        b.append(String.join(", ", csv))
                .append("\n  Runs:  ")
                .append(dir.resolve(TrainingComparison.FOLDER))
                .append("/{default,ordered,eoc} (epochs.csv, layers.csv, run.json)\n")
                .append(further(f, Demo.ACTIVATION))
                .append(String.format(Locale.ROOT, "  Demo time: %s", duration(seconds)));
        if (!quick) {
            b.append("; ./eoc demo --quick runs the same steps with small sizes");
        }
        return b.append(".\n").toString();
    }

    /** The commands that go further, with what each does. */
    static String further(Framework f, String activation) {
        String row = "    %-54s %s%n";
        return "  Further:\n"
                + String.format(
                        Locale.ROOT,
                        row,
                        "./eoc train --framework " + f.id() + " --init eoc",
                        String.format(
                                Locale.ROOT,
                                "the paper's protocol: depth %d, width %d, MNIST, resumable",
                                TrainingConfig.PAPER_DEPTH,
                                TrainingConfig.PAPER_WIDTH))
                + String.format(
                        Locale.ROOT,
                        row,
                        "./eoc reproduce --help",
                        "the paper's accuracy tables over seeds, with a report")
                + String.format(
                        Locale.ROOT,
                        row,
                        "./eoc phase-diagram --activation " + activation + " --png phase.png",
                        "where the ordered and chaotic phases meet");
    }

    /** "12.3 s" under a minute, else "m:ss". */
    static String duration(double seconds) {
        if (seconds < SECONDS_PER_MINUTE) {
            return String.format(Locale.ROOT, "%.1f s", seconds);
        }
        long s = Math.round(seconds);
        return String.format(
                Locale.ROOT, "%d:%02d", s / SECONDS_PER_MINUTE, s % SECONDS_PER_MINUTE);
    }

    /** A percentage with two decimals (exact for accuracies over 2000 or 500 images). */
    static String percent(double fraction) {
        return String.format(Locale.ROOT, "%.2f %%", 100 * fraction);
    }

    /** A sigma with at most 4 decimals, trailing zeros dropped. */
    static String short4(double v) {
        String s = String.format(Locale.ROOT, "%.4f", v);
        return s.replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    private static String pair(double measured, double theory) {
        return String.format(Locale.ROOT, "%.4f (%.4f)", measured, theory);
    }
}
