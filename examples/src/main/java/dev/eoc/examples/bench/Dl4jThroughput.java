package dev.eoc.examples.bench;

import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationListener;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.impl.ActivationSoftmax;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.executioner.OpExecutioner;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import org.nd4j.linalg.profiler.OpProfiler;

/**
 * DL4J training throughput on the MLP (784 -> depth x width tanh -> 10 softmax, batch 64,
 * random MNIST-shaped data, SGD), in samples/s, for in-process variants measured in one JVM: float
 * vs double, workspaces on vs off, and the signal-propagation listener at its default interval
 * (overhead as a ratio). Variants run in interleaved rounds so that a change in machine load hits
 * them alike; the median round is reported. Settings read at native-library load (OpenMP wait
 * policy, thread count, native classifier, OpenBLAS core type) need a fresh JVM each:
 * scripts/benchmarks/dl4j-throughput.sh runs this class under each.
 *
 * <p>Usage: {@code java -cp ... dev.eoc.examples.bench.Dl4jThroughput [depth width batch
 * iterationsPerRound rounds] [--profile]}. Not a test: numbers go to docs/benchmarks-dl4j.md.
 */
public final class Dl4jThroughput {

    private static final int FEATURES = 784;
    private static final int CLASSES = 10;

    private Dl4jThroughput() {}

    /** One configuration to time. */
    record Variant(String name, DataType type, WorkspaceMode workspaces, boolean listener) {}

    /** Runs the benchmark; see the class comment for arguments. */
    public static void main(String[] args) {
        List<String> a = new ArrayList<>(Arrays.asList(args));
        boolean profile = a.remove("--profile");
        int depth = a.size() > 0 ? Integer.parseInt(a.get(0)) : 200;
        int width = a.size() > 1 ? Integer.parseInt(a.get(1)) : 300;
        int batch = a.size() > 2 ? Integer.parseInt(a.get(2)) : 64;
        int perRound = a.size() > 3 ? Integer.parseInt(a.get(3)) : 10;
        int rounds = a.size() > 4 ? Integer.parseInt(a.get(4)) : 3;
        System.out.printf(
                Locale.ROOT,
                "env OMP_WAIT_POLICY=%s OMP_NUM_THREADS=%s OPENBLAS_CORETYPE=%s"
                        + " javacpp.platform.extension=%s; ND4J max threads %d; %d cores%n",
                System.getenv("OMP_WAIT_POLICY"),
                System.getenv("OMP_NUM_THREADS"),
                System.getenv("OPENBLAS_CORETYPE"),
                System.getProperty("org.bytedeco.javacpp.platform.extension"),
                Nd4j.getEnvironment().maxThreads(),
                Runtime.getRuntime().availableProcessors());
        if (profile) {
            profile(depth, width, batch, perRound);
            return;
        }
        List<Variant> variants =
                List.of(
                        new Variant(
                                "float, workspaces on (default)",
                                DataType.FLOAT,
                                WorkspaceMode.ENABLED,
                                false),
                        new Variant(
                                "float, workspaces off", DataType.FLOAT, WorkspaceMode.NONE, false),
                        new Variant("double", DataType.DOUBLE, WorkspaceMode.ENABLED, false),
                        new Variant(
                                "float + listener every 10 (10x default rate)",
                                DataType.FLOAT,
                                WorkspaceMode.ENABLED,
                                true));
        List<MultiLayerNetwork> nets = new ArrayList<>();
        for (Variant v : variants) {
            nets.add(net(v, depth, width));
        }
        double[][] rates = new double[variants.size()][rounds];
        for (int r = 0; r < rounds; r++) {
            for (int i = 0; i < variants.size(); i++) {
                rates[i][r] =
                        samplesPerSecond(nets.get(i), variants.get(i).type(), batch, perRound);
            }
        }
        double base = median(rates[0]);
        System.out.printf(
                Locale.ROOT,
                "depth %d width %d batch %d, %d rounds of %d iterations%n",
                depth,
                width,
                batch,
                rounds,
                perRound);
        for (int i = 0; i < variants.size(); i++) {
            double m = median(rates[i]);
            System.out.printf(
                    Locale.ROOT,
                    "%-48s %8.1f samples/s  ratio %.3f  rounds %s%n",
                    variants.get(i).name(),
                    m,
                    m / base,
                    Arrays.toString(rates[i]));
        }
    }

    private static MultiLayerNetwork net(Variant v, int depth, int width) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(v.type())
                        .trainingWorkspaceMode(v.workspaces())
                        .inferenceWorkspaceMode(v.workspaces())
                        .updater(new Sgd(1e-3))
                        .list();
        int in = FEATURES;
        for (int l = 0; l < depth; l++) {
            b.layer(
                    new DenseLayer.Builder()
                            .nIn(in)
                            .nOut(width)
                            .activation(new ActivationTanH())
                            .build());
            in = width;
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(in)
                        .nOut(CLASSES)
                        .activation(new ActivationSoftmax())
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        EocInit.apply(net, EocInitOptions.withSeed(1));
        if (v.listener()) {
            net.setListeners(
                    PropagationListener.of(ProbeSet.correlatedPairs(FEATURES, 4, 1, 0.5, 1), 10));
        }
        return net;
    }

    private static double samplesPerSecond(
            MultiLayerNetwork net, DataType type, int batch, int iterations) {
        DataSet ds = batch(type, batch);
        net.fit(ds); // warm-up: first call allocates workspaces
        long t0 = System.nanoTime();
        for (int i = 0; i < iterations; i++) {
            net.fit(ds);
        }
        return iterations * (double) batch / ((System.nanoTime() - t0) / 1e9);
    }

    private static DataSet batch(DataType type, int batch) {
        Nd4j.getRandom().setSeed(3);
        INDArray x = Nd4j.rand(type, batch, FEATURES);
        INDArray y = Nd4j.zeros(type, batch, CLASSES);
        for (int i = 0; i < batch; i++) {
            y.putScalar(i, i % CLASSES, 1);
        }
        return new DataSet(x, y);
    }

    /** Per-op time from ND4J's OpProfiler over a few iterations of the default variant. */
    private static void profile(int depth, int width, int batch, int iterations) {
        MultiLayerNetwork net =
                net(
                        new Variant("default", DataType.FLOAT, WorkspaceMode.ENABLED, false),
                        depth,
                        width);
        DataSet ds = batch(DataType.FLOAT, batch);
        net.fit(ds);
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.OPERATIONS);
        OpProfiler.getInstance().reset();
        for (int i = 0; i < iterations; i++) {
            net.fit(ds);
        }
        OpProfiler.getInstance().printOutDashboard();
        Nd4j.getExecutioner().setProfilingMode(OpExecutioner.ProfilingMode.DISABLED);
    }

    private static double median(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
