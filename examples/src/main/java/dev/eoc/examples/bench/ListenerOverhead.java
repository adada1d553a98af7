package dev.eoc.examples.bench;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.examples.train.Architecture;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.Machine;
import dev.eoc.examples.train.NetworkSpec;
import dev.eoc.examples.train.Networks;
import dev.eoc.examples.train.TrainableNetwork;
import dev.eoc.examples.train.TrainingData;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/**
 * The signal-propagation listener's cost in the training path of {@code ./eoc train} (DJL's
 * pipelined step, or DL4J's fit): two copies of the paper's depth-200 width-300 tanh MLP on the EOC
 * in one JVM, one reporting at the listener's default interval (100 batches), one whose only report
 * is the first (interval {@link Integer#MAX_VALUE}), trained in interleaved rounds of {@code steps}
 * steps on one random MNIST-shaped batch; prints the median round times and their ratio. Usage:
 * {@code ListenerOverhead FRAMEWORK [ROUNDS] [STEPS] [DEPTH] [WIDTH] [mlp|resmlp] [BRANCH_SCALE]}
 * (resmlp: an embedding and depth - 1 residual blocks, DJL's Trainer step, the residual theory).
 */
public final class ListenerOverhead {

    private static final int DEFAULT_INTERVAL = 100;
    private static final int BATCH = 64;
    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    private ListenerOverhead() {}

    public static void main(String[] args) {
        Framework framework = Framework.parse(args.length > 0 ? args[0] : "djl");
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 100;
        int depth = args.length > 3 ? Integer.parseInt(args[3]) : 200;
        int width = args.length > 4 ? Integer.parseInt(args[4]) : 300;
        Architecture arch =
                Architecture.of(
                        args.length > 5 ? args[5] : "mlp",
                        args.length > 6 ? Double.parseDouble(args[6]) : 1);
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        InitPoint init =
                new InitPoint(
                        InitScheme.EOC,
                        p.sigmaB(),
                        p.sigmaW(),
                        p.qStar(),
                        p.chiQ(),
                        Math.sqrt(p.qStar()),
                        "tanh EOC");
        TrainingData.Batch batch =
                RandomBatch.of(BATCH, FEATURES, CLASSES, (float) (0.26 * Math.sqrt(p.qStar())));
        int[] intervals = {Integer.MAX_VALUE, DEFAULT_INTERVAL};
        TrainableNetwork[] nets = new TrainableNetwork[intervals.length];
        long[][] nanos = new long[intervals.length][rounds];
        try {
            for (int i = 0; i < intervals.length; i++) {
                nets[i] =
                        Networks.create(
                                framework,
                                new NetworkSpec(
                                        "tanh",
                                        FEATURES,
                                        depth,
                                        width,
                                        CLASSES,
                                        init,
                                        1,
                                        1e-4,
                                        intervals[i],
                                        null,
                                        Map.of(),
                                        arch));
                for (int s = 0; s < 5; s++) {
                    nets[i].step(batch); // warm-up, including the first report
                }
            }
            for (int r = 0; r < rounds; r++) {
                for (int i = 0; i < intervals.length; i++) {
                    long t0 = System.nanoTime();
                    for (int s = 0; s < steps; s++) {
                        nets[i].step(batch);
                    }
                    nanos[i][r] = System.nanoTime() - t0;
                }
                System.out.printf(Locale.ROOT, "round %d/%d done%n", r + 1, rounds);
            }
        } finally {
            for (TrainableNetwork n : nets) {
                if (n != null) {
                    n.close();
                }
            }
        }
        long reports = nets[1].listenerReports().size();
        double perReport = nets[1].listenerNanos() / 1e6 / reports;
        double off = median(nanos[0]) / 1e6 / steps;
        double on = median(nanos[1]) / 1e6 / steps;
        System.out.printf(
                Locale.ROOT,
                "%s %s (branch scale %s), depth %d width %d batch %d, %d rounds of %d steps, CPU"
                        + " %s%n"
                        + "no reports: %.2f ms/step; listener every %d steps: %.2f ms/step;"
                        + " ratio %.4f (overhead %.2f%%)%n"
                        + "listener's own time: %.1f ms per report over %d reports = %.2f%% of the"
                        + " %d steps between reports (%.2f ms each, no-report median)%n"
                        + "rounds (ms, no reports): %s%nrounds (ms, listener): %s%n",
                framework.id(),
                arch.name(),
                arch.branchScale(),
                depth,
                width,
                BATCH,
                rounds,
                steps,
                Machine.cpu(),
                off,
                DEFAULT_INTERVAL,
                on,
                on / off,
                100 * (on / off - 1),
                perReport,
                reports,
                100 * perReport / (DEFAULT_INTERVAL * off),
                DEFAULT_INTERVAL,
                off,
                Arrays.toString(Arrays.stream(nanos[0]).map(n -> n / 1_000_000).toArray()),
                Arrays.toString(Arrays.stream(nanos[1]).map(n -> n / 1_000_000).toArray()));
    }

    private static double median(long[] x) {
        long[] s = x.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : 0.5 * (s[s.length / 2 - 1] + s[s.length / 2]);
    }
}
