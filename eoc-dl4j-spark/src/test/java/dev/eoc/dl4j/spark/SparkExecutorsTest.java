package dev.eoc.dl4j.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.dl4j.EocNormalInit;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * The Edge-of-Chaos weight init on Spark executors, in {@code local[2]} with the Kryo serializer:
 * DL4J's workers and its {@code calculateScore} and {@code evaluate} rebuild networks from the
 * configuration's JSON, so an executor that parses it must draw eoc's weights.
 */
class SparkExecutorsTest {

    private static final int WIDTH = 256;

    /**
     * fan_in Var(W) of a 256 x 256 matrix has relative standard error sqrt(2 / 65536) = 0.55%; 5
     * standard errors.
     */
    private static final double RELATIVE_BOUND = 5 * Math.sqrt(2.0 / (WIDTH * WIDTH));

    private static JavaSparkContext sc;

    @BeforeAll
    static void start() {
        sc =
                new JavaSparkContext(
                        new SparkConf()
                                .setMaster("local[2]")
                                .setAppName("eoc-dl4j-spark-test")
                                .set("spark.ui.enabled", "false")
                                .set("spark.driver.bindAddress", "127.0.0.1")
                                .set("spark.driver.host", "127.0.0.1")
                                .set(
                                        "spark.serializer",
                                        "org.apache.spark.serializer.KryoSerializer")
                                .set("spark.kryo.registrator", "org.nd4j.kryo.Nd4jRegistrator"));
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    @Test
    void executorsThatParseTheConfigurationDrawTheEdgeOfChaosWeights() {
        double weightVariance = EdgeOfChaos.solve(Activations.tanh(), 0.2).weightVariance();
        MultiLayerConfiguration conf =
                new NeuralNetConfiguration.Builder()
                        .seed(3)
                        .dataType(DataType.FLOAT)
                        .weightInit(new EocNormalInit(weightVariance))
                        .list()
                        .layer(
                                new DenseLayer.Builder()
                                        .nIn(WIDTH)
                                        .nOut(WIDTH)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(
                                new DenseLayer.Builder()
                                        .nIn(WIDTH)
                                        .nOut(WIDTH)
                                        .activation(Activation.TANH)
                                        .build())
                        .layer(
                                new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT)
                                        .nIn(WIDTH)
                                        .nOut(10)
                                        .activation(Activation.SOFTMAX)
                                        .build())
                        .build();
        String json = conf.toJson();
        List<String> drawn =
                sc.parallelize(List.of(1, 2), 2)
                        .map(
                                seed -> {
                                    MultiLayerConfiguration c =
                                            MultiLayerConfiguration.fromJson(json);
                                    MultiLayerNetwork net = new MultiLayerNetwork(c);
                                    net.init();
                                    INDArray w = net.getLayer(1).getParam("W");
                                    double v =
                                            WIDTH
                                                    * w.castTo(DataType.DOUBLE)
                                                            .var(false)
                                                            .getDouble(0);
                                    String init =
                                            ((DenseLayer) c.getConf(1).getLayer())
                                                    .getWeightInitFn()
                                                    .getClass()
                                                    .getSimpleName();
                                    return init + " " + v;
                                })
                        .collect();
        assertEquals(2, drawn.size());
        for (String d : drawn) {
            String[] parts = d.split(" ");
            assertEquals("EocNormalInit", parts[0], d);
            double v = Double.parseDouble(parts[1]);
            assertTrue(
                    Math.abs(v / weightVariance - 1) <= RELATIVE_BOUND,
                    "executor drew fan_in Var(W) = " + v + ", sigma_w^2 = " + weightVariance);
        }
    }
}
