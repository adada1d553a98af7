package dev.eoc.examples.train;

import dev.eoc.examples.data.Datasets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Everything that defines a training run; two runs with equal configurations produce the same
 * numbers up to the frameworks' floating-point nondeterminism.
 *
 * <p>The paper's protocol (Hayou, Doucet &amp; Rousseau, ICML 2019, section 5) is {@link
 * #paper(Framework, String, String, InitScheme)}: width 300, depth 200, plain SGD with learning
 * rate 1e-4, batch 64, 100 epochs, 10 seeds.
 *
 * @param framework where to train
 * @param dataset one of {@link Datasets#NAMES}
 * @param activation activation spec (e.g. {@code tanh}, {@code elu(0.5)})
 * @param init initialization scheme
 * @param sigmaB bias std override, or null for the scheme's default
 * @param sigmaW weight std override (ordered phase only), or null
 * @param depth hidden layers, &gt;= 1
 * @param width units per hidden layer, &gt;= 1
 * @param epochs epochs per seed, &gt;= 1
 * @param batch mini-batch size, &gt;= 2
 * @param learningRate SGD learning rate, positive and finite
 * @param seeds independent runs, &gt;= 1; run k uses seed {@code firstSeed + k}
 * @param firstSeed seed of the first run
 * @param limitTrain use only the first N training images (0 = all)
 * @param limitTest evaluate on the first N test images (0 = all)
 * @param listenerInterval batches between signal-propagation reports, &gt;= 1
 * @param architecture the plain MLP of the paper, or a residual MLP ({@code --arch resmlp})
 */
public record TrainingConfig(
        Framework framework,
        String dataset,
        String activation,
        InitScheme init,
        Double sigmaB,
        Double sigmaW,
        int depth,
        int width,
        int epochs,
        int batch,
        double learningRate,
        int seeds,
        long firstSeed,
        int limitTrain,
        int limitTest,
        int listenerInterval,
        Architecture architecture) {

    /** Hidden layers in the paper's experiments. */
    public static final int PAPER_DEPTH = 200;

    /** Units per hidden layer in the paper's experiments. */
    public static final int PAPER_WIDTH = 300;

    /** SGD learning rate in the paper's experiments. */
    public static final double PAPER_LEARNING_RATE = 1e-4;

    /** Mini-batch size in the paper's experiments. */
    public static final int PAPER_BATCH = 64;

    /** Epochs in the paper's tables. */
    public static final int PAPER_EPOCHS = 100;

    /** Independent runs per setting in the paper's tables. */
    public static final int PAPER_SEEDS = 10;

    /** Batches between listener reports (both frameworks' listener default). */
    public static final int DEFAULT_LISTENER_INTERVAL = 100;

    public TrainingConfig {
        if (framework == null || init == null || architecture == null) {
            throw new IllegalArgumentException("framework, init and architecture are required");
        }
        architecture.requireInit(init);
        if (!Datasets.NAMES.contains(dataset)) {
            throw new IllegalArgumentException(
                    "unknown dataset '" + dataset + "'; expected one of " + Datasets.NAMES);
        }
        atLeast("depth", depth, 1);
        atLeast("width", width, 1);
        atLeast("epochs", epochs, 1);
        atLeast("batch", batch, 2);
        atLeast("seeds", seeds, 1);
        atLeast("limit-train", limitTrain, 0);
        atLeast("limit-test", limitTest, 0);
        atLeast("listener interval", listenerInterval, 1);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be positive and finite, got " + learningRate);
        }
        if (sigmaB != null && (!(sigmaB >= 0) || sigmaB.isInfinite())) {
            throw new IllegalArgumentException("sigma_b must be >= 0 and finite, got " + sigmaB);
        }
        if (sigmaW != null && (!(sigmaW > 0) || sigmaW.isInfinite())) {
            throw new IllegalArgumentException("sigma_w must be > 0 and finite, got " + sigmaW);
        }
    }

    /** A plain-MLP configuration (the paper's architecture). */
    public TrainingConfig(
            Framework framework,
            String dataset,
            String activation,
            InitScheme init,
            Double sigmaB,
            Double sigmaW,
            int depth,
            int width,
            int epochs,
            int batch,
            double learningRate,
            int seeds,
            long firstSeed,
            int limitTrain,
            int limitTest,
            int listenerInterval) {
        this(
                framework,
                dataset,
                activation,
                init,
                sigmaB,
                sigmaW,
                depth,
                width,
                epochs,
                batch,
                learningRate,
                seeds,
                firstSeed,
                limitTrain,
                limitTest,
                listenerInterval,
                Architecture.MLP);
    }

    /** The paper's protocol for one setting. */
    public static TrainingConfig paper(
            Framework framework, String dataset, String activation, InitScheme init) {
        return new TrainingConfig(
                framework,
                dataset,
                activation,
                init,
                null,
                null,
                PAPER_DEPTH,
                PAPER_WIDTH,
                PAPER_EPOCHS,
                PAPER_BATCH,
                PAPER_LEARNING_RATE,
                PAPER_SEEDS,
                1,
                0,
                0,
                DEFAULT_LISTENER_INTERVAL);
    }

    /** The seed of run {@code k} (0-based). */
    public long seed(int k) {
        return firstSeed + k;
    }

    /** A copy with another number of epochs (what {@code --resume --epochs N} extends to). */
    public TrainingConfig withEpochs(int newEpochs) {
        return copy(newEpochs, seeds);
    }

    /** A copy with another number of seeds. */
    public TrainingConfig withSeeds(int newSeeds) {
        return copy(epochs, newSeeds);
    }

    private TrainingConfig copy(int newEpochs, int newSeeds) {
        return new TrainingConfig(
                framework,
                dataset,
                activation,
                init,
                sigmaB,
                sigmaW,
                depth,
                width,
                newEpochs,
                batch,
                learningRate,
                newSeeds,
                firstSeed,
                limitTrain,
                limitTest,
                listenerInterval,
                architecture);
    }

    /**
     * The settings that must match for {@code --resume} to continue a run: everything but the
     * number of epochs and seeds, which a resumed run may extend.
     */
    public Map<String, Object> identity() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("framework", framework.id());
        m.put("dataset", dataset);
        m.put("activation", activation);
        m.put("init", init.id());
        m.put("sigma_b", sigmaB);
        m.put("sigma_w", sigmaW);
        m.put("depth", depth);
        m.put("width", width);
        m.put("batch", batch);
        m.put("lr", learningRate);
        m.put("first_seed", firstSeed);
        m.put("limit_train", limitTrain);
        m.put("limit_test", limitTest);
        if (architecture.kind() != Architecture.Kind.MLP) { // absent for the plain MLP, as in
            // runs made before --arch
            m.put("arch", architecture.name());
        }
        if (architecture.residual()) {
            m.put("branch_scale", architecture.branchScale());
        }
        return m;
    }

    /** {@link #identity()} plus epochs, seeds and the listener interval, for result files. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = identity();
        m.put("epochs", epochs);
        m.put("seeds", seeds);
        m.put("listener_interval", listenerInterval);
        return m;
    }

    private static void atLeast(String name, int value, int min) {
        if (value < min) {
            throw new IllegalArgumentException(name + " must be >= " + min + ", got " + value);
        }
    }
}
