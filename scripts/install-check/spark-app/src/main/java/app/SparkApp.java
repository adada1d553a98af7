package app;

import dev.eoc.dl4j.EocInit;
import dev.eoc.dl4j.EocInitOptions;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.spark.IntervalVerdict;
import dev.eoc.dl4j.spark.SparkPropagationMonitor;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.spark.impl.multilayer.SparkDl4jMultiLayer;
import org.deeplearning4j.spark.impl.paramavg.ParameterAveragingTrainingMaster;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** A user's own Spark job: a small tanh MLP on random data, eoc init and monitor, local[2]. */
public final class SparkApp {
    public static void main(String[] args) {
        NeuralNetConfiguration.ListBuilder b =
                new NeuralNetConfiguration.Builder().seed(1).updater(new Sgd(0.01)).list();
        for (int i = 0; i < 10; i++) {
            b.layer(new DenseLayer.Builder().nIn(i == 0 ? 32 : 64).nOut(64)
                    .activation(Activation.TANH).build());
        }
        b.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                .nIn(64).nOut(4).activation(Activation.SOFTMAX).build());
        MultiLayerNetwork net = new MultiLayerNetwork(b.build());
        net.init();
        EocInit.apply(net, EocInitOptions.withSeed(42));

        List<DataSet> data = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            data.add(new DataSet(Nd4j.randn(16, 32), Nd4j.eye(4).repeat(0, 4)));
        }
        try (JavaSparkContext sc = new JavaSparkContext(new SparkConf()
                .setMaster("local[2]").setAppName("user-app").set("spark.ui.enabled", "false"))) {
            ParameterAveragingTrainingMaster tm = new ParameterAveragingTrainingMaster.Builder(16)
                    .batchSizePerWorker(16).averagingFrequency(2).build();
            SparkDl4jMultiLayer sparkNet = new SparkDl4jMultiLayer(sc, net, tm);
            SparkPropagationMonitor monitor = SparkPropagationMonitor.attach(
                    sparkNet, ProbeSet.pairsFrom(data.get(0).getFeatures(), 4, 1), 2);
            sparkNet.fit(sc.parallelize(data, 2));
            for (IntervalVerdict v : monitor.history()) {
                System.out.println("verdict " + v.line());
            }
        }
    }
}
