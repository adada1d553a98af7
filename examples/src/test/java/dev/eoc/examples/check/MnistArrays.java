package dev.eoc.examples.check;

import dev.eoc.examples.data.DataDirectory;
import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import java.nio.file.Path;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/** The first MNIST training images as arrays (pixel/255), for DJL and DL4J training tests. */
final class MnistArrays {

    private final float[][] x;
    private final int[] y;

    private MnistArrays(float[][] x, int[] y) {
        this.x = x;
        this.y = y;
    }

    /** The first {@code n} training images, fetched on first use. */
    static MnistArrays load(int n) {
        Path dataDir = DataDirectory.resolve(null);
        MnistFetcher.ensure(dataDir);
        ImageDataset mnist = Datasets.load(Datasets.MNIST, Split.TRAIN, dataDir).subset(n);
        float[][] x = new float[mnist.size()][mnist.featureCount()];
        int[] y = new int[mnist.size()];
        for (int i = 0; i < mnist.size(); i++) {
            mnist.features(i, x[i], 1.0);
            y[i] = mnist.label(i);
        }
        return new MnistArrays(x, y);
    }

    int features() {
        return x[0].length;
    }

    int label(int i) {
        return y[i];
    }

    /** Images from..from+n-1, row after row. */
    float[] flat(int from, int n) {
        int d = features();
        float[] out = new float[n * d];
        for (int i = 0; i < n; i++) {
            System.arraycopy(x[from + i], 0, out, i * d, d);
        }
        return out;
    }

    /** Their labels as floats (DJL's sparse cross-entropy). */
    float[] labels(int from, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            out[i] = y[from + i];
        }
        return out;
    }

    /** Images and one-hot labels as a DL4J DataSet. */
    DataSet dataSet(int from, int n) {
        float[][] rows = new float[n][];
        float[][] oneHot = new float[n][10];
        for (int i = 0; i < n; i++) {
            rows[i] = x[from + i];
            oneHot[i][y[from + i]] = 1;
        }
        return new DataSet(Nd4j.create(rows), Nd4j.create(oneHot));
    }

    /** Share of {@code predicted} equal to the labels of images from..from+predicted.length-1. */
    double accuracy(int from, long[] predicted) {
        int correct = 0;
        for (int i = 0; i < predicted.length; i++) {
            correct += predicted[i] == y[from + i] ? 1 : 0;
        }
        return correct / (double) predicted.length;
    }
}
