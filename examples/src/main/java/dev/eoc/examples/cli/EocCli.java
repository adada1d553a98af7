package dev.eoc.examples.cli;

import dev.eoc.core.EocVersion;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code ./eoc} command-line tool. */
@Command(
        name = "eoc",
        mixinStandardHelpOptions = true,
        // every subcommand: required options marked '*', usage wrapped to the terminal width
        scope = CommandLine.ScopeType.INHERIT,
        requiredOptionMarker = '*',
        usageHelpAutoWidth = true,
        footer = "Options marked * are required.",
        versionProvider = EocCli.Version.class,
        description = "Edge-of-Chaos theory, initialization and experiments for deep networks.",
        subcommands = {
            CommandLine.HelpCommand.class,
            DemoCommand.class,
            FetchDataCommand.class,
            SolveCommand.class,
            AnalyzeCommand.class,
            PropagateCommand.class,
            CurveCommand.class,
            PhaseDiagramCommand.class,
            ConvergenceCommand.class,
            CheckCommand.class,
            TrainCommand.class,
            ReproduceCommand.class,
            DiagnoseMatrixCommand.class
        })
public final class EocCli implements Runnable {

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /**
     * Builds the command line with every subcommand registered and the error handling of {@link
     * ErrorHandling} (exit 2 for bad input, 3 for numerical failures); tests use this too.
     */
    public static CommandLine commandLine() {
        return ErrorHandling.install(new CommandLine(new EocCli()));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** Reports the project version Maven built (eoc-core's {@link EocVersion}) and the JVM. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "eoc " + EocVersion.current(),
                "Java "
                        + System.getProperty("java.version")
                        + " ("
                        + System.getProperty("java.vendor")
                        + ")"
            };
        }
    }
}
