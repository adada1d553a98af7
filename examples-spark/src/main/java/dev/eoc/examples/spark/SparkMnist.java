package dev.eoc.examples.spark;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.spark.SparkPropagationMonitor;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.api.RDDTrainingApproach;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * A tanh MLP trained on MNIST with DL4J's parameter averaging on Spark: eoc's initialization on the
 * driver's network (the training master broadcasts its parameters), eoc-dl4j-spark's listener on
 * the workers and its monitor on the driver, one epoch at a time.
 */
final class SparkMnist {

    /** tanh's recommended Edge-of-Chaos sigma_b (EdgeOfChaos.recommended()). */
    static final double EOC_SIGMA_B = 0.2;

    /** The paper's ordered-phase baseline, (sigma_b, sigma_w) = (1, 1). */
    static final double ORDERED_SIGMA = 1.0;

    private static final int CLASSES = 10;
    private static final int PROBE_PAIRS = 4;
    private static final long PROBE_SEED = 1;

    private SparkMnist() {}

    /** What a run measured ({@code monitor} is null for a run without it). */
    record Result(
            SparkPropagationMonitor monitor,
            MultiLayerNetwork initial,
            MultiLayerNetwork trained,
            ProbeSet probe,
            double accuracy,
            double secondsPerEpoch) {}

    /** sqrt(q*) of the initialization point: the inputs' scale. */
    static double inputScale(SparkMnistOptions o) {
        double qStar =
                o.ordered()
                        ? MeanField.of(
                                        Activations.tanh(),
                                        InitVariances.ofStd(ORDERED_SIGMA, ORDERED_SIGMA))
                                .varianceFixedPoint(1.0)
                                .q()
                        : EdgeOfChaos.solve(Activations.tanh(), EOC_SIGMA_B).qStar();
        return Math.sqrt(qStar);
    }

    /** The network, initialized at the options' point. */
    static MultiLayerNetwork network(SparkMnistOptions o, int features) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder()
                        .seed(o.seed())
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(o.learningRate()))
                        .list();
        for (int i = 0; i < o.depth(); i++) {
            b.layer(
                    new DenseLayer.Builder()
                            .nIn(i == 0 ? features : o.width())
                            .nOut(o.width())
                            .activation(Activation.TANH)
                            .build());
        }
        b.layer(
                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                        .nIn(o.width())
                        .nOut(CLASSES)
                        .activation(Activation.SOFTMAX)
                        .build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        EocInitOptions init = EocInitOptions.withSeed(o.seed());
        EocInit.apply(
                net,
                o.ordered() ? init.at(ORDERED_SIGMA, ORDERED_SIGMA) : init.atSigmaB(EOC_SIGMA_B));
        return net;
    }

    /** The probe pairs: the first images of the training set, paired at random. */
    static ProbeSet probe(List<DataSet> train) {
        return ProbeSet.pairsFrom(
                MnistBatches.features(train, 4 * PROBE_PAIRS), PROBE_PAIRS, PROBE_SEED);
    }

    /** Trains on Spark and evaluates the driver's network on {@code test}. */
    static Result train(
            JavaSparkContext sc, SparkMnistOptions o, List<DataSet> train, List<DataSet> test) {
        MultiLayerNetwork net = network(o, (int) train.get(0).getFeatures().columns());
        MultiLayerNetwork initial = net.clone();
        ProbeSet probe = probe(train);
        ParameterAveragingTrainingMaster master =
                new ParameterAveragingTrainingMaster.Builder(o.batch())
                        .batchSizePerWorker(o.batch())
                        .averagingFrequency(o.averagingFrequency())
                        .workerPrefetchNumBatches(0)
                        .rngSeed(o.seed())
                        .rddTrainingApproach(RDDTrainingApproach.Direct)
                        .build();
        SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, master);
        SparkPropagationMonitor monitor =
                o.monitored()
                        ? SparkPropagationMonitor.attach(sparkNet, probe, o.interval())
                        : null;
        JavaRDD<DataSet> rdd = sc.parallelize(train, sc.defaultParallelism());
        // local[n] runs n tasks in this JVM: ND4J's threads per op must share the cores, else
        // they oversubscribe them (5 s instead of 1 s per averaging round here, 2 cores)
        int cores = Runtime.getRuntime().availableProcessors();
        int before = Nd4j.getEnvironment().maxThreads();
        if (o.master().startsWith("local")) {
            nativeThreads(Math.max(1, cores / sc.defaultParallelism()));
        }
        long t0 = System.nanoTime();
        for (int e = 0; e < o.epochs(); e++) {
            sparkNet.fit(rdd);
        }
        double seconds = (System.nanoTime() - t0) / 1e9 / o.epochs();
        nativeThreads(before);
        MultiLayerNetwork trained = sparkNet.getNetwork();
        return new Result(monitor, initial, trained, probe, accuracy(trained, test), seconds);
    }

    /** The same network and batches trained on this machine with DL4J alone: seconds per epoch. */
    static double singleMachineSecondsPerEpoch(SparkMnistOptions o, List<DataSet> train) {
        MultiLayerNetwork net = network(o, (int) train.get(0).getFeatures().columns());
        long t0 = System.nanoTime();
        for (int e = 0; e < o.epochs(); e++) {
            for (DataSet b : train) {
                net.fit(b);
            }
        }
        return (System.nanoTime() - t0) / 1e9 / o.epochs();
    }

    /** ND4J's threads per op (OpenMP and BLAS). */
    static void nativeThreads(int n) {
        Nd4j.getEnvironment().setMaxThreads(n);
        Nd4j.getEnvironment().setMaxMasterThreads(n);
        Nd4j.factory().blas().setMaxThreads(n);
    }

    static double accuracy(MultiLayerNetwork net, List<DataSet> test) {
        Evaluation e = net.evaluate(new ListDataSetIterator<>(test));
        return e.accuracy();
    }
}
