package dev.eoc.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.activation.Activations;
import dev.eoc.core.criticality.EdgeOfChaos;
import dev.eoc.core.criticality.EocPoint;
import dev.eoc.core.diagnostics.EmpiricalStatistics;
import dev.eoc.core.diagnostics.PropagationDiagnosis;
import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.core.meanfield.MeanField;
import dev.eoc.core.meanfield.ResidualMeanField;
import dev.eoc.core.meanfield.Trajectory;
import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.graph.ElementWiseVertex;
import org.deeplearning4j.nn.conf.graph.GraphVertex;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.conf.graph.ScaleVertex;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.params.DefaultParamInitializer;
import org.deeplearning4j.nn.weights.WeightInitConstant;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/**
 * Residual ComputationGraphs: ElementWiseVertex(Add) of a stream and a branch (ActivationLayer,
 * DenseLayer[, ScaleVertex]) is initialized on the Edge of Chaos and probed with the residual
 * mean-field maps.
 */
class ResidualGraphTest {

    private static final double STANDARD_ERRORS = 5;

    /** The single-machine theory-match bound (TheoryMatchesPracticeTest). */
    private static final double C_TOLERANCE = 0.03;

    /**
     * in -> embed (identity) -> blocks x [tanh, dense(identity)] (scaled by alpha unless 1) added
     * to the stream -> tanh -> identity output of 10; float, DL4J's init a constant.
     */
    static ComputationGraph resGraph(int width, int blocks, double alpha, boolean postActivation) {
        ComputationGraphConfiguration.GraphBuilder g =
                new NeuralNetConfiguration.Builder()
                        .seed(1)
                        .dataType(DataType.FLOAT)
                        .updater(new Sgd(0.01))
                        .weightInit(new WeightInitConstant(0.0))
                        .graphBuilder()
                        .addInputs("in")
                        .addLayer("embed", dense(width, new ActivationIdentity()), "in");
        String stream = "embed";
        for (int b = 1; b <= blocks; b++) {
            String end;
            if (postActivation) {
                g.addLayer("fc" + b, dense(width, new ActivationTanH()), stream);
                end = "fc" + b;
            } else {
                g.addLayer("act" + b, new ActivationLayer(new ActivationTanH()), stream)
                        .addLayer("fc" + b, dense(width, new ActivationIdentity()), "act" + b);
                end = "fc" + b;
            }
            if (alpha != 1) {
                g.addVertex("scale" + b, new ScaleVertex(alpha), end);
                end = "scale" + b;
            }
            g.addVertex("add" + b, new ElementWiseVertex(ElementWiseVertex.Op.Add), stream, end);
            stream = "add" + b;
        }
        g.addLayer("top", new ActivationLayer(new ActivationTanH()), stream)
                .addLayer(
                        "out",
                        new OutputLayer.Builder(LossFunctions.LossFunction.MSE)
                                .nIn(width)
                                .nOut(10)
                                .activation(new ActivationIdentity())
                                .build(),
                        "top")
                .setOutputs("out");
        ComputationGraph graph = new ComputationGraph(g.build());
        graph.init();
        return graph;
    }

    private static DenseLayer dense(int width, org.nd4j.linalg.activations.IActivation a) {
        return new DenseLayer.Builder().nIn(width).nOut(width).activation(a).build();
    }

    /**
     * Every dense layer of a residual graph, the branches' and the output included, has tanh's EOC
     * point: the embedding takes the activation after it, the rest the one before them.
     */
    @Test
    void everyDenseLayerOfAResidualGraphIsOnTheEdgeOfChaos() {
        ComputationGraph graph = resGraph(300, 3, 0.5, false);
        List<LayerInit> set = EocInit.apply(graph, EocInitOptions.withSeed(4));
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        List<LayerInit> dense = set.stream().filter(li -> li.variances() != null).toList();
        assertEquals(
                List.of("embed", "fc1", "fc2", "fc3", "out"),
                dense.stream().map(LayerInit::name).toList());
        for (LayerInit li : dense) {
            assertEquals("tanh", li.activation(), li.name());
            INDArray w = graph.getLayer(li.name()).getParam(DefaultParamInitializer.WEIGHT_KEY);
            double n = w.length();
            assertEquals(
                    p.weightVariance(),
                    EmpiricalStatistics.weightVariance(
                            w.castTo(DataType.FLOAT).ravel().toFloatVector(), w.size(0)),
                    STANDARD_ERRORS * p.weightVariance() * Math.sqrt(2 / n),
                    li.name());
        }
    }

    /**
     * Width 1000, 10 residual tanh blocks (alpha 0.5 through a ScaleVertex, and alpha 1), 6 seeds x
     * 4 pairs: each branch's measured c_l, averaged over seeds, within 0.03 of the nominal residual
     * theory ({@link ResidualMeanField} for the stream), and healthy.
     */
    @Test
    void theProbeFollowsTheResidualMapsOfAWideGraph() {
        check(1.0);
        check(0.5);
    }

    private static void check(double alpha) {
        int width = 1000;
        int blocks = 10;
        int seeds = 6;
        ActivationFunction tanh = Activations.tanh();
        EocPoint p = EdgeOfChaos.of(tanh).solve(0.2);
        double[] mean = new double[blocks + 3];
        for (int seed = 1; seed <= seeds; seed++) {
            ComputationGraph graph = resGraph(width, blocks, alpha, false);
            EocInit.apply(graph, EocInitOptions.withSeed(seed));
            PropagationProbe probe = PropagationProbe.of(graph);
            assertEquals(blocks + 2, probe.depth());
            PropagationSnapshot s =
                    probe.measure(
                            graph,
                            ProbeSet.correlatedPairs(width, 4, p.qStar(), 0.5, 100 + seed),
                            0,
                            null);
            assertTrue(s.theory().residual());
            PropagationDiagnosis.Diagnosis d = PropagationDiagnosis.of(s);
            assertEquals(PropagationDiagnosis.Verdict.HEALTHY, d.verdict(), d.message());
            double[] c = s.cEmpirical();
            for (int l = 1; l <= blocks + 1; l++) {
                mean[l] += c[l] / seeds;
            }
        }
        InitVariances v = new InitVariances(p.weightVariance(), p.biasVariance());
        double q1 = p.biasVariance() + p.weightVariance() * p.qStar();
        double c1 = (p.biasVariance() + p.weightVariance() * p.qStar() * 0.5) / q1;
        Trajectory stream = ResidualMeanField.of(tanh, v, alpha).propagate(q1, c1, blocks);
        MeanField plain = MeanField.of(tanh, v);
        assertEquals(c1, mean[1], C_TOLERANCE, "embedding");
        StringBuilder rows = new StringBuilder();
        double worst = 0;
        for (int b = 1; b <= blocks; b++) {
            double q = plain.varianceMap(stream.q()[b - 1]);
            double c = plain.covariance(stream.q()[b - 1], stream.c()[b - 1]) / q;
            rows.append(String.format(" %d: %.4f vs %.4f;", b, mean[b + 1], c));
            worst = Math.max(worst, Math.abs(mean[b + 1] - c));
        }
        assertTrue(worst <= C_TOLERANCE, "alpha " + alpha + ": max |dc| " + worst + rows);
    }

    /**
     * A residual graph's configuration with eoc's {@code EocNormalInit} survives its JSON round
     * trip (the restored graph draws fan_in Var(W) = sigma_w^2 within 5 standard errors), and a
     * graph set by {@link EocInit} survives {@code ModelSerializer}: same parameters, read as the
     * same residual path by the probe.
     */
    @Test
    void residualGraphsSurviveJsonAndModelSerializer(@TempDir Path dir) throws Exception {
        EocPoint p = EdgeOfChaos.of(Activations.tanh()).solve(0.2);
        ComputationGraphConfiguration conf = resGraph(300, 3, 0.5, false).getConfiguration();
        for (GraphVertex v : conf.getVertices().values()) {
            if (v instanceof LayerVertex lv
                    && lv.getLayerConf().getLayer() instanceof BaseLayer b) {
                b.setWeightInitFn(new EocNormalInit(p.weightVariance()));
            }
        }
        String json = conf.toJson();
        assertTrue(json.contains(EocNormalInit.class.getName()), "the init is in the JSON");
        ComputationGraph back = new ComputationGraph(ComputationGraphConfiguration.fromJson(json));
        back.init();
        INDArray w = back.getLayer("fc2").getParam(DefaultParamInitializer.WEIGHT_KEY);
        assertEquals(
                p.weightVariance(),
                EmpiricalStatistics.weightVariance(
                        w.castTo(DataType.FLOAT).ravel().toFloatVector(), w.size(0)),
                STANDARD_ERRORS * p.weightVariance() * Math.sqrt(2.0 / w.length()));

        ComputationGraph graph = resGraph(64, 3, 0.5, false);
        EocInit.apply(graph, EocInitOptions.withSeed(9));
        File file = dir.resolve("res.zip").toFile();
        ModelSerializer.writeModel(graph, file, false);
        ComputationGraph restored = ModelSerializer.restoreComputationGraph(file, false);
        assertEquals(graph.params(), restored.params());
        assertEquals(PropagationProbe.of(graph).depth(), PropagationProbe.of(restored).depth());
        assertTrue(GraphPath.of(restored).residual());
    }

    /**
     * y + tanh(W y + b) (a DenseLayer with its own tanh ends the branch): initialized, but the
     * theory does not follow it, so the probe monitors only the chain before the first merge.
     */
    @Test
    void aPostActivationBranchIsInitializedButOnlyTheChainBeforeItIsProbed() {
        ComputationGraph graph = resGraph(64, 3, 1, true);
        List<LayerInit> set = EocInit.apply(graph, EocInitOptions.withSeed(2));
        assertEquals(5, set.stream().filter(li -> li.variances() != null).count());
        GraphPath path = GraphPath.of(graph);
        assertEquals(null, path.problem(), "read for the initialization");
        assertTrue(
                path.theoryProblem().contains("must end with a dense layer"), path.theoryProblem());
        assertEquals(2, PropagationProbe.of(graph).depth(), "embed and fc1, before add1");
    }
}
