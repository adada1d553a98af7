package dev.eoc.examples.demo;

import dev.eoc.core.activation.ActivationFunction;
import dev.eoc.core.criticality.Criticality;
import dev.eoc.core.meanfield.InitVariances;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.train.Framework;
import dev.eoc.examples.train.InitPoint;
import dev.eoc.examples.train.InitScheme;
import dev.eoc.examples.train.NetworkSpec;
import dev.eoc.examples.train.Networks;
import dev.eoc.examples.train.TrainableNetwork;
import dev.eoc.examples.train.TrainingConfig;
import dev.eoc.examples.train.TrainingData;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Part 2 of the demo: builds a deep MLP in the framework with each initialization and measures the
 * correlation of pairs of test images layer by layer with the same probe the training listener uses
 * ({@link TrainableNetwork#measure}), inputs scaled as in training ({@link InitPoint#inputScale}).
 */
public final class CorrelationProbe {

    /** The initializations compared, in the order they are shown. */
    public static final List<InitScheme> INITS =
            List.of(InitScheme.DEFAULT, InitScheme.ORDERED, InitScheme.EOC);

    /** Learning rate the network spec needs; nothing is trained here. */
    private static final double UNUSED_LEARNING_RATE = 1e-3;

    private CorrelationProbe() {}

    /**
     * Measures one network per initialization of {@link #INITS}.
     *
     * @param images where the pairs come from: images 2k and 2k + 1 form pair k
     */
    public static List<CorrelationProfile> measure(
            Framework framework,
            ActivationFunction activation,
            DemoSizes sizes,
            ImageDataset images,
            long seed) {
        List<CorrelationProfile> profiles = new ArrayList<>();
        for (InitScheme scheme : INITS) {
            InitPoint point = InitPoint.resolve(scheme, framework, activation, null, null);
            int rows = 2 * sizes.probePairs();
            TrainingData pairs = TrainingData.of(images, rows, point.inputScale());
            NetworkSpec spec =
                    new NetworkSpec(
                            activation.spec(),
                            pairs.featureCount(),
                            sizes.probeDepth(),
                            sizes.probeWidth(),
                            pairs.classCount(),
                            point,
                            seed,
                            UNUSED_LEARNING_RATE,
                            TrainingConfig.DEFAULT_LISTENER_INTERVAL,
                            null,
                            Map.of());
            try (TrainableNetwork net = Networks.create(framework, spec)) {
                profiles.add(
                        new CorrelationProfile(
                                point,
                                phase(activation, point),
                                net.measure(pairs.slice(0, rows))));
            }
        }
        return List.copyOf(profiles);
    }

    /** The phase of a point's hidden layers in words. */
    static String phase(ActivationFunction activation, InitPoint p) {
        return TheoryRow.phase(
                Criticality.analyze(activation, InitVariances.ofStd(p.sigmaW(), p.sigmaB())));
    }
}
