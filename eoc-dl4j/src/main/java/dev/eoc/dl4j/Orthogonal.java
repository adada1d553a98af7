package dev.eoc.dl4j;

import dev.eoc.core.meanfield.InitVariances;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;

/**
 * Haar-random orthonormal matrices from Gaussian draws: Q of the QR decomposition of a Gaussian
 * matrix, with column j multiplied by sign(R_jj) so that Q is uniformly distributed (Mezzadri 2007,
 * "How to generate random matrices from the classical compact groups", section 5).
 */
final class Orthogonal {

    private Orthogonal() {}

    /**
     * Orthonormalizes a Gaussian matrix: orthonormal columns when rows &gt;= columns, else
     * orthonormal rows.
     */
    static double[][] orthonormalize(double[][] gaussian) {
        int rows = gaussian.length;
        int cols = gaussian[0].length;
        if (rows < cols) {
            return transpose(orthonormalize(transpose(gaussian)));
        }
        QRDecomposition qr = new QRDecomposition(new Array2DRowRealMatrix(gaussian, false));
        RealMatrix q = qr.getQ().getSubMatrix(0, rows - 1, 0, cols - 1);
        RealMatrix r = qr.getR();
        double[][] out = q.getData();
        for (int j = 0; j < cols; j++) {
            if (r.getEntry(j, j) < 0) {
                for (int i = 0; i < rows; i++) {
                    out[i][j] = -out[i][j];
                }
            }
        }
        return out;
    }

    /**
     * The factor turning a matrix with orthonormal columns or rows (entries of variance 1 /
     * max(rows, cols)) into one whose entries have variance sigma_w^2 / fan_in.
     */
    static double scale(InitVariances variances, int fanIn, int fanOut) {
        return variances.weightStd(fanIn) * Math.sqrt(Math.max(fanIn, fanOut));
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
