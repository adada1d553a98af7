package dev.eoc.benchmarks;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.PhaseDiagram;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Thread CPU time and wall time of the {@link PhaseDiagramBenchmark} workload (200 x 200 grid, one
 * thread, tables built inside each shot): on a shared machine the wall time of JMH's single shots
 * includes time spent waiting for a core, the calling thread's CPU time does not. Prints one line
 * per shot and the median of the shots after the warm-up.
 *
 * <p>Usage: {@code java -cp benchmarks/target/benchmarks.jar dev.eoc.benchmarks.PhaseDiagramCpuTime
 * [shots] [activation ...]}; defaults: 3 shots after one warm-up, tanh, elu, relu.
 */
public final class PhaseDiagramCpuTime {

    /** Shots timed after the warm-up shot when none is given. */
    static final int DEFAULT_SHOTS = 3;

    private PhaseDiagramCpuTime() {}

    public static void main(String[] args) {
        int shots = args.length > 0 ? Integer.parseInt(args[0]) : DEFAULT_SHOTS;
        List<String> specs =
                args.length > 1
                        ? Arrays.asList(args).subList(1, args.length)
                        : List.of("tanh", "elu", "relu");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (String spec : specs) {
            ActivationFunction phi = Activations.parse(spec);
            double[] cpu = new double[shots];
            double[] wall = new double[shots];
            for (int shot = -1; shot < shots; shot++) {
                long cpu0 = threads.getCurrentThreadCpuTime();
                long wall0 = System.nanoTime();
                PhaseDiagram.compute(phi, PhaseDiagramBenchmark.GRID, row -> {});
                double c = (threads.getCurrentThreadCpuTime() - cpu0) / 1e9;
                double w = (System.nanoTime() - wall0) / 1e9;
                System.out.printf(
                        Locale.ROOT,
                        "%s %s: cpu %.3f s, wall %.3f s%n",
                        spec,
                        shot < 0 ? "warm-up" : "shot " + (shot + 1),
                        c,
                        w);
                if (shot >= 0) {
                    cpu[shot] = c;
                    wall[shot] = w;
                }
            }
            System.out.printf(
                    Locale.ROOT,
                    "%s median of %d: cpu %.3f s, wall %.3f s%n",
                    spec,
                    shots,
                    median(cpu),
                    median(wall));
        }
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : 0.5 * (sorted[n / 2 - 1] + sorted[n / 2]);
    }
}
