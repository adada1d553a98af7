package dev.eoc.examples.spark;

/**
 * The example's settings.
 *
 * @param master Spark master URL, e.g. {@code local[2]} or {@code spark://host:7077}
 * @param ordered the ordered phase (1, 1) instead of tanh's Edge of Chaos at sigma_b = 0.2
 * @param depth hidden layers
 * @param width units per hidden layer
 * @param trainImages first N MNIST training images
 * @param testImages first N MNIST test images
 * @param batch mini-batch size per worker
 * @param averagingFrequency mini-batches per worker between parameter averages
 * @param interval iterations between propagation reports
 * @param learningRate SGD learning rate
 * @param epochs passes over the training images
 * @param seed seed of the initialization and the training master
 * @param monitored with eoc's propagation listener on the workers and monitor on the driver
 */
record SparkMnistOptions(
        String master,
        boolean ordered,
        int depth,
        int width,
        int trainImages,
        int testImages,
        int batch,
        int averagingFrequency,
        int interval,
        double learningRate,
        int epochs,
        long seed,
        boolean monitored) {

    SparkMnistOptions {
        positive("depth", depth);
        positive("width", width);
        positive("train images", trainImages);
        positive("test images", testImages);
        positive("batch", batch);
        positive("averaging frequency", averagingFrequency);
        positive("interval", interval);
        positive("epochs", epochs);
        if (!(learningRate > 0) || Double.isInfinite(learningRate)) {
            throw new IllegalArgumentException(
                    "learning rate must be a positive number, got " + learningRate);
        }
    }

    private static void positive(String name, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(name + " must be >= 1, got " + v);
        }
    }

    /** The same settings in the ordered phase. */
    SparkMnistOptions asOrdered() {
        return new SparkMnistOptions(
                master,
                true,
                depth,
                width,
                trainImages,
                testImages,
                batch,
                averagingFrequency,
                interval,
                learningRate,
                epochs,
                seed,
                monitored);
    }
}
