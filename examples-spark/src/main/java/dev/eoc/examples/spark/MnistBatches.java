package dev.eoc.examples.spark;

import dev.eoc.examples.data.Datasets;
import dev.eoc.examples.data.ImageDataset;
import dev.eoc.examples.data.MnistFetcher;
import dev.eoc.examples.data.Split;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

/**
 * MNIST as DL4J mini-batches in the project's protocol: pixel / 255 x sqrt(q*) of the
 * initialization point, so that the inputs start at the point's own q* (as {@code ./eoc train}
 * does), one-hot labels, the first N images of each split.
 */
final class MnistBatches {

    private static final int CLASSES = 10;

    private MnistBatches() {}

    /** Installs MNIST under {@code dataDir} when it is missing (md5-checked) and loads a split. */
    static ImageDataset load(Path dataDir, Split split, int limit) {
        MnistFetcher.ensure(dataDir);
        return Datasets.load(Datasets.MNIST, split, dataDir).subset(limit);
    }

    /** Consecutive batches of {@code batch} images (the last one may be smaller). */
    static List<DataSet> batches(ImageDataset d, int batch, double inputScale) {
        List<DataSet> out = new ArrayList<>();
        int f = d.featureCount();
        float[] row = new float[f];
        for (int from = 0; from < d.size(); from += batch) {
            int rows = Math.min(batch, d.size() - from);
            float[] x = new float[rows * f];
            float[] y = new float[rows * CLASSES];
            for (int r = 0; r < rows; r++) {
                d.features(from + r, row, inputScale);
                System.arraycopy(row, 0, x, r * f, f);
                y[r * CLASSES + d.label(from + r)] = 1;
            }
            out.add(
                    new DataSet(
                            Nd4j.create(x, new long[] {rows, f}, 'c'),
                            Nd4j.create(y, new long[] {rows, CLASSES}, 'c')));
        }
        return out;
    }

    /** All features of {@code batches}' first {@code rows} images, e.g. for probe pairs. */
    static INDArray features(List<DataSet> batches, int rows) {
        List<INDArray> parts = new ArrayList<>();
        int n = 0;
        for (DataSet b : batches) {
            if (n >= rows) {
                break;
            }
            parts.add(b.getFeatures());
            n += (int) b.getFeatures().rows();
        }
        return Nd4j.vstack(parts.toArray(new INDArray[0]));
    }
}
