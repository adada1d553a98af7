package dev.eoc.examples.cli;

import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import dev.eoc.examples.diagnose.CaseOutcome;
import dev.eoc.examples.diagnose.FaultCase;
import dev.eoc.examples.diagnose.MatrixRunner;
import dev.eoc.examples.train.Framework;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code eoc diagnose-matrix}: runs the diagnosis's fault-injection matrix (every row of {@link
 * FaultCase#matrix()}) in each framework and prints one table row per case and framework, then the
 * recall on the faults and the false alarms on the healthy controls (docs/DIAGNOSIS.md).
 */
@Command(
        name = "diagnose-matrix",
        mixinStandardHelpOptions = true,
        description = {
            "Run the listener's fault-injection matrix.",
            "Trains small MLPs with one fault each (ordered, chaotic, vanishing/exploding scale, dead or saturated units, divergence, NaN input, a stalled loss) and healthy EOC controls, trained briefly on MNIST; prints what the listener named, the recall on faults and the false alarms on healthy controls."
        })
public final class DiagnoseMatrixCommand implements Callable<Integer> {

    /** Exit code when some case did not meet its expectation. */
    static final int EXIT_SOME_FAILED = 1;

    @Spec CommandSpec spec;

    @Option(
            names = "--framework",
            split = ",",
            defaultValue = "djl,dl4j",
            paramLabel = "NAME",
            description =
                    "Comma-separated frameworks, djl and/or dl4j (default: ${DEFAULT-VALUE}).")
    List<String> frameworks;

    @Option(
            names = "--cases",
            split = ",",
            paramLabel = "ID",
            description = "Run only these case ids (default: all).")
    List<String> cases;

    @Option(
            names = "--details",
            description = "Also print every report's line and the first report's message.")
    boolean details;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory (default: $EOC_DATA_DIR, else ~/.eoc/data).")
    Path dataDir;

    @Override
    public Integer call() {
        List<Framework> fw = frameworks.stream().map(Framework::parse).toList();
        List<FaultCase> selected = select();
        Path dir = DataDirectory.resolve(dataDir);
        MnistFetcher.ensure(dir);
        ImageDataset mnist =
                Datasets.load(Datasets.MNIST, Split.TRAIN, dir).subset(MatrixRunner.IMAGES);
        PrintWriter out = spec.commandLine().getOut();
        out.printf(
                Locale.ROOT,
                "%-30s %-5s %-30s %-7s %-8s %s%n",
                "case",
                "fw",
                "expected",
                "result",
                "named at",
                "symptoms named (warning or critical, any report)");
        List<CaseOutcome> outcomes = new ArrayList<>();
        int faults = 0;
        int caught = 0;
        int controls = 0;
        int alarms = 0;
        for (FaultCase c : selected) {
            for (Framework f : fw) {
                CaseOutcome o = MatrixRunner.run(c, f, mnist);
                outcomes.add(o);
                if (c.healthy()) {
                    controls++;
                    alarms += o.passed() ? 0 : 1;
                } else {
                    faults++;
                    caught += o.passed() ? 1 : 0;
                }
                out.printf(
                        Locale.ROOT,
                        "%-30s %-5s %-30s %-7s %-8s %s%n",
                        c.id(),
                        o.framework(),
                        c.expectation(),
                        o.passed() ? "pass" : "FAIL",
                        o.namedAt() == 0 ? "-" : "report " + o.namedAt(),
                        o.namedIds().isEmpty() ? "none" : String.join(", ", o.namedIds()));
                if (details) {
                    o.lines().forEach(l -> out.println("    " + l));
                    out.println("    first report: " + o.firstMessage());
                }
                out.flush();
            }
        }
        out.printf(
                Locale.ROOT,
                "recall: %d of %d faults named with their fix in time; false alarms: %d of %d"
                        + " healthy runs%n",
                caught,
                faults,
                alarms,
                controls);
        out.flush();
        return caught == faults && alarms == 0 ? 0 : EXIT_SOME_FAILED;
    }

    private List<FaultCase> select() {
        List<FaultCase> all = FaultCase.matrix();
        if (cases == null || cases.isEmpty()) {
            return all;
        }
        List<FaultCase> chosen = new ArrayList<>();
        for (String id : cases) {
            chosen.add(
                    all.stream()
                            .filter(c -> c.id().equals(id))
                            .findFirst()
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "unknown case '"
                                                            + id
                                                            + "'; cases: "
                                                            + String.join(
                                                                    ",",
                                                                    all.stream()
                                                                            .map(FaultCase::id)
                                                                            .toList()))));
        }
        return chosen;
    }
}
