package dev.eoc.examples.demo;

import dev.eoc.examples.train.Framework;

/**
 * How big the demo's networks and training runs are: the only thing that differs between {@code eoc
 * demo} and {@code eoc demo --quick}.
 *
 * <p>The standard sizes were chosen by measurement (tanh, MNIST, plain SGD, seeds 1-2, on a loaded
 * 2-core machine): DJL's default initialization, chaotic for tanh with a trainable depth of about
 * 130 layers (6 xi_c, Schoenholz et al. 2017), stayed at chance (9%) at depth 150 after 600 steps,
 * while the Edge-of-Chaos network reached 47-53% test accuracy; at depth 100 the default still
 * learned (16-50%, depending on seed and learning rate), as the theory allows. DL4J trains these
 * networks about five times slower per step, so its standard run is shallower and shorter (depth
 * 50, 200 steps); there the default (sigma_w = 1, zero biases) is the degenerate Edge-of-Chaos
 * point sigma_b = 0 of tanh and trains about as well as the EOC. The quick sizes only exercise
 * every step of the demo (for CI); their accuracies mean little.
 *
 * @param probeDepth hidden layers of the networks measured at initialization
 * @param probeWidth units per hidden layer of those networks
 * @param probePairs pairs of MNIST test images whose correlation is followed through the layers
 * @param trainDepth hidden layers of the trained networks
 * @param trainWidth units per hidden layer of the trained networks
 * @param batch SGD mini-batch size
 * @param learningRate SGD learning rate
 * @param trainExamples training images used, once each (one epoch)
 * @param testExamples test images the accuracy is measured on
 */
public record DemoSizes(
        int probeDepth,
        int probeWidth,
        int probePairs,
        int trainDepth,
        int trainWidth,
        int batch,
        double learningRate,
        int trainExamples,
        int testExamples) {

    public DemoSizes {
        positive("probe depth", probeDepth);
        positive("probe width", probeWidth);
        positive("probe pairs", probePairs);
        positive("training depth", trainDepth);
        positive("training width", trainWidth);
        positive("test examples", testExamples);
        if (batch < 2 || trainExamples < batch) {
            throw new IllegalArgumentException(
                    "need a batch of at least 2 and at least one full batch of training examples,"
                            + " got batch "
                            + batch
                            + " and "
                            + trainExamples
                            + " examples");
        }
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be positive and finite, got " + learningRate);
        }
    }

    /** The sizes of {@code eoc demo} (about two minutes on 2 cores with DJL). */
    public static DemoSizes standard(Framework framework) {
        return switch (framework) {
            case DJL -> new DemoSizes(100, 300, 8, 150, 128, 64, 1e-3, 38_400, 2_000);
            case DL4J -> new DemoSizes(100, 300, 8, 50, 128, 64, 5e-3, 12_800, 2_000);
        };
    }

    /** The sizes of {@code eoc demo --quick}: every step of the demo in seconds (CI). */
    public static DemoSizes quick() {
        return new DemoSizes(30, 128, 8, 20, 64, 32, 1e-2, 640, 500);
    }

    /** SGD steps of each training run. */
    public int steps() {
        return (trainExamples + batch - 1) / batch;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + value);
        }
    }
}
