package dev.eoc.examples.train;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** A DL4J network's flattened parameters in a checkpoint file (ND4J's binary format). */
final class Dl4jParameters {

    private Dl4jParameters() {}

    static void save(INDArray params, Path file) throws IOException {
        try (DataOutputStream out =
                new DataOutputStream(new BufferedOutputStream(Files.newOutputStream(file)))) {
            Nd4j.write(params, out);
        }
    }

    /**
     * Reads parameters shaped like {@code current}.
     *
     * @throws IOException when the file cannot be read or holds another number or type of
     *     parameters
     */
    static INDArray load(Path file, INDArray current) throws IOException {
        INDArray p;
        try (DataInputStream in =
                new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            p = Nd4j.read(in);
        } catch (RuntimeException e) {
            throw new IOException("cannot read DL4J parameters from " + file + ": " + e, e);
        }
        if (p.length() != current.length() || p.dataType() != current.dataType()) {
            throw new IOException(
                    file
                            + " holds "
                            + p.length()
                            + " "
                            + p.dataType()
                            + " parameters, the network of this spec has "
                            + current.length()
                            + " "
                            + current.dataType()
                            + ": was it saved for another spec?");
        }
        return p.reshape(current.shape());
    }
}
