package dev.eoc.examples.cli;

import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.demo.Demo;
import dev.eoc.examples.demo.DemoSizes;
import dev.eoc.examples.report.Provenance;
import dev.eoc.examples.train.Framework;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./eoc demo}: the library in one command. The Edge-of-Chaos theory of tanh, ELU and ReLU
 * next to the frameworks' default initializers, the correlation of two inputs through a deep tanh
 * network at initialization (measured and predicted), and a short MNIST training run of the
 * default, an ordered-phase and the Edge-of-Chaos initialization (Schoenholz et al. 2017; Hayou,
 * Doucet &amp; Rousseau, ICML 2019). Everything printed is computed or measured in the run.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Why initialize at the Edge of Chaos, in about two minutes.",
            "Shows a theory table, the per-layer correlations of a depth-100 tanh MLP at initialization (text chart and PNG), and a short MNIST training run of default vs ordered vs EOC init. MNIST is fetched on first use. Results go to --out (PNG, CSVs, one run directory per init)."
        })
public final class DemoCommand implements Callable<Integer> {

    /** Where the files go unless --out says otherwise. */
    static final Path DEFAULT_OUT = Path.of("runs", "demo");

    @Spec CommandSpec spec;

    @Option(
            names = "--quick",
            description =
                    "Small sizes: every step in well under a minute (CI); numbers mean little.")
    boolean quick;

    @Option(
            names = "--framework",
            defaultValue = "djl",
            description = "djl or dl4j (default: ${DEFAULT-VALUE}).")
    String framework;

    @Option(
            names = "--seed",
            defaultValue = "1",
            description = "Seed of the weights and the training order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(
            names = "--out",
            paramLabel = "DIR",
            description = "Output directory (default: runs/demo).")
    Path out;

    @Option(
            names = "--data-dir",
            paramLabel = "DIR",
            description = "Data directory (default: $EOC_DATA_DIR, else ~/.eoc/data).")
    Path dataDir;

    @Override
    public Integer call() {
        CommandSupport.checkOutputDirectory("--out", out);
        Framework f = Framework.parse(framework);
        Demo.Settings settings =
                new Demo.Settings(
                        f,
                        quick ? DemoSizes.quick() : DemoSizes.standard(f),
                        quick,
                        seed,
                        DataDirectory.resolve(dataDir),
                        out != null ? out : DEFAULT_OUT,
                        System.console() != null);
        Demo.run(
                settings,
                spec.commandLine().getOut(),
                spec.commandLine().getErr(),
                Provenance.of(commandLine()));
        return 0;
    }

    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        return "eoc " + String.join(" ", args);
    }
}
