package dev.eoc.dl4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.diagnostics.PropagationDiagnosis.Verdict;
import dev.eoc.dl4j.ProbeSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.deeplearning4j.core.storage.Persistable;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The driver's judgement without Spark: two workers' copies of one network, each trained on its own
 * batches from the same parameters as DL4J's parameter averaging does, their updates delivered in a
 * shuffled order.
 */
class SparkPropagationMonitorTest {

    private static final int IN = 16;
    private static final int DEPTH = 8;
    private static final int WIDTH = 64;
    private static final int CLASSES = 4;
    private static final int INTERVAL = 2;
    private static final int STEPS = 4;

    private record Round(SparkPropagationListener listener, List<Persistable> updates) {}

    private static Round twoWorkers(MultiLayerNetwork start) {
        SparkPropagationListener listener =
                SparkPropagationListener.of(ProbeSet.correlatedPairs(IN, 4, 0.5, 0.5, 1), INTERVAL);
        List<Persistable> all = new ArrayList<>();
        for (String worker : List.of("jvm_1", "jvm_0")) {
            MultiLayerNetwork copy = start.clone();
            SparkPropagationListener l = listener.clone();
            CollectingRouter router = new CollectingRouter();
            l.setStorageRouter(router);
            l.setWorkerID(worker);
            copy.setListeners(l);
            Random rng = new Random(worker.hashCode());
            for (int step = 0; step < STEPS; step++) {
                copy.fit(batch(rng));
            }
            all.addAll(router.updates);
        }
        Collections.shuffle(all, new Random(5));
        return new Round(listener, all);
    }

    private static DataSet batch(Random rng) {
        int rows = 16;
        float[] x = new float[rows * IN];
        float[] y = new float[rows * CLASSES];
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < IN; j++) {
                x[r * IN + j] = (float) (0.7 * rng.nextGaussian());
            }
            y[r * CLASSES + rng.nextInt(CLASSES)] = 1;
        }
        return new DataSet(
                Nd4j.create(x, new long[] {rows, IN}, 'c').castTo(DataType.FLOAT),
                Nd4j.create(y, new long[] {rows, CLASSES}, 'c').castTo(DataType.FLOAT));
    }

    @Test
    void eachReportIterationGetsOneVerdictFromBothWorkersAndTheRightHistory() {
        Round round = twoWorkers(TanhNets.eoc(IN, DEPTH, WIDTH, CLASSES, 0.01));
        SparkPropagationMonitor monitor = SparkPropagationMonitor.of(round.listener());
        monitor.putUpdate(round.updates());

        List<IntervalVerdict> verdicts = monitor.history();
        assertEquals(List.of(0L, 2L), verdicts.stream().map(IntervalVerdict::iteration).toList());
        for (IntervalVerdict v : verdicts) {
            assertEquals(
                    List.of("jvm_0", "jvm_1"),
                    v.workers().stream().map(WorkerReport::workerId).toList());
            assertEquals(Verdict.HEALTHY, v.verdict(), v.line());
            assertEquals(2, v.agreeing());
            assertTrue(v.line().contains("workers=2 agree=2"), v.line());
        }
        // at iteration 0 both copies are the same network: the same measurement
        IntervalVerdict first = verdicts.get(0);
        assertArrayEquals(
                first.workers().get(0).report().snapshot().cEmpirical(),
                first.workers().get(1).report().snapshot().cEmpirical(),
                0);
        assertTrue(first.worst().report().progress().initialization());
        assertFalse(verdicts.get(1).worst().report().progress().initialization());

        // the loss history is one sequence: per iteration the workers' mean, per interval its mean
        double[] mean = new double[STEPS];
        for (Persistable p : round.updates()) {
            PropagationUpdate u = (PropagationUpdate) p;
            mean[(int) u.iteration()] += u.loss() / 2;
        }
        assertArrayEquals(
                new double[] {mean[0], (mean[1] + mean[2]) / 2},
                verdicts.get(1).worst().report().progress().intervalLosses(),
                1e-12);
    }

    @Test
    void anOrderedNetworkIsNamedOrderedByEveryWorker() {
        Round round = twoWorkers(TanhNets.ordered(IN, DEPTH, WIDTH, CLASSES, 0.01));
        SparkPropagationMonitor monitor = SparkPropagationMonitor.of(round.listener());
        monitor.putUpdate(round.updates());
        IntervalVerdict first = monitor.history().get(0);
        assertEquals(Verdict.ORDERED, first.verdict(), first.line());
        assertEquals(2, first.agreeing());
    }

    @Test
    void otherSessionsAndOtherUpdatesGoOnAndLateOnesAreNotJudgedTwice() {
        Round round = twoWorkers(TanhNets.eoc(IN, DEPTH, WIDTH, CLASSES, 0.01));
        CollectingRouter next = new CollectingRouter();
        SparkPropagationMonitor monitor =
                SparkPropagationMonitor.forwardingTo(round.listener(), next);
        PropagationUpdate stranger = PropagationUpdate.loss("another-session", "w", 0, 1.0);
        List<Persistable> withStranger = new ArrayList<>(round.updates());
        withStranger.add(stranger);
        monitor.putUpdate(withStranger);
        assertEquals(List.of(stranger), next.updates);
        assertEquals(2, monitor.history().size());

        monitor.putUpdate(round.updates());
        assertEquals(2, monitor.history().size(), "a repeated round is ignored, not re-judged");
    }

    @Test
    void aWorkersFailureReachesTheDriver() {
        SparkPropagationListener listener =
                SparkPropagationListener.of(ProbeSet.correlatedPairs(IN, 2, 0.5, 0.5, 1), 1);
        SparkPropagationMonitor monitor = SparkPropagationMonitor.of(listener);
        monitor.putUpdate(
                PropagationUpdate.failure(listener.getSessionID(), "jvm_3", 5, "probe failed"));
        assertEquals(List.of("jvm_3: probe failed"), monitor.failures());
        assertTrue(monitor.history().isEmpty());
    }

    @Test
    void aListenerWithoutRouterWarnsAndKeepsTrainingGoing() {
        MultiLayerNetwork net = TanhNets.eoc(IN, 3, 16, CLASSES, 0.01);
        net.setListeners(
                SparkPropagationListener.of(ProbeSet.correlatedPairs(IN, 2, 0.5, 0.5, 1), 1));
        net.fit(batch(new Random(1)));
        assertEquals(1, net.getIterationCount());
    }
}
