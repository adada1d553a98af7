package dev.eoc.dl4j.spark;

import dev.eoc.core.diagnostics.PropagationSnapshot;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Optional;
import org.deeplearning4j.core.storage.Persistable;

/**
 * What one worker's {@link SparkPropagationListener} sends the driver after one training iteration:
 * the batch's loss and, at report iterations, the {@link PropagationSnapshot} of the worker's copy
 * of the network, or the reason its listener stopped.
 *
 * <p>A DL4J {@link Persistable}: it rides DL4J's own listener path from the executors to the driver
 * (the workers' {@code VanillaStatsStorageRouter}, the training result, the training master's
 * {@code StatsStorageRouter}), whichever serializer Spark is configured with: its fields are
 * strings, numbers and one byte array (the snapshot in Java serialization), which Java
 * serialization and Kryo both carry. {@link #encode()} and {@link #decode(byte[])} give the same
 * bytes for storage.
 */
public final class PropagationUpdate implements Persistable {

    private static final long serialVersionUID = 1L;

    /** The type id of every update, as DL4J's stats storage keys them. */
    public static final String TYPE_ID = "eoc-propagation";

    private static final byte[] NONE = new byte[0];

    /**
     * Only a snapshot's own classes are read back (Java serialization of data from the network).
     */
    private static final ObjectInputFilter SNAPSHOT_CLASSES =
            ObjectInputFilter.Config.createFilter(
                    "dev.eoc.core.diagnostics.*;java.lang.*;java.util.*;!*");

    private String sessionId = "";
    private String workerId = "";
    private long timestamp;
    private long iteration;
    private double loss = Double.NaN;
    private int classes;
    private byte[] snapshot = NONE;
    private String failure = "";

    /** An empty update, to {@link #decode(byte[])} into (DL4J's storage creates them so). */
    public PropagationUpdate() {}

    private PropagationUpdate(
            String sessionId,
            String workerId,
            long iteration,
            double loss,
            int classes,
            byte[] snapshot,
            String failure) {
        this.sessionId = sessionId == null ? "" : sessionId;
        this.workerId = workerId == null ? "" : workerId;
        this.timestamp = System.currentTimeMillis();
        this.iteration = iteration;
        this.loss = loss;
        this.classes = classes;
        this.snapshot = snapshot;
        this.failure = failure;
    }

    /** The loss of one iteration, without a report. */
    static PropagationUpdate loss(String session, String worker, long iteration, double loss) {
        return new PropagationUpdate(session, worker, iteration, loss, 0, NONE, "");
    }

    /** The loss of a report iteration and the worker's snapshot of its network copy. */
    static PropagationUpdate report(
            String session, String worker, double loss, int classes, PropagationSnapshot snapshot) {
        return new PropagationUpdate(
                session, worker, snapshot.iteration(), loss, classes, serialize(snapshot), "");
    }

    /** The worker's listener stopped at this iteration, for this reason. */
    static PropagationUpdate failure(String session, String worker, long iteration, String reason) {
        return new PropagationUpdate(session, worker, iteration, Double.NaN, 0, NONE, reason);
    }

    /** The training iteration (the network's update count) the update belongs to. */
    public long iteration() {
        return iteration;
    }

    /** The batch's mean loss on the worker (NaN when unknown). */
    public double loss() {
        return loss;
    }

    /** K of a softmax classifier's output, 0 when unknown. */
    public int classes() {
        return classes;
    }

    /** The worker's snapshot, when this iteration reported. */
    public Optional<PropagationSnapshot> snapshot() {
        return snapshot.length == 0 ? Optional.empty() : Optional.of(deserialize(snapshot));
    }

    /** Why the worker's listener stopped, when it did. */
    public Optional<String> failure() {
        return failure.isEmpty() ? Optional.empty() : Optional.of(failure);
    }

    @Override
    public String getSessionID() {
        return sessionId;
    }

    @Override
    public String getTypeID() {
        return TYPE_ID;
    }

    @Override
    public String getWorkerID() {
        return workerId;
    }

    @Override
    public long getTimeStamp() {
        return timestamp;
    }

    @Override
    public int encodingLengthBytes() {
        return encode().length;
    }

    @Override
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            encode(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    @Override
    public void encode(ByteBuffer buffer) {
        buffer.put(encode());
    }

    @Override
    public void encode(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(out);
        data.writeUTF(sessionId);
        data.writeUTF(workerId);
        data.writeLong(timestamp);
        data.writeLong(iteration);
        data.writeDouble(loss);
        data.writeInt(classes);
        data.writeInt(snapshot.length);
        data.write(snapshot);
        data.writeUTF(failure);
        data.flush();
    }

    @Override
    public void decode(byte[] bytes) {
        try {
            decode(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void decode(ByteBuffer buffer) {
        byte[] bytes = new byte[buffer.remaining()];
        buffer.get(bytes);
        decode(bytes);
    }

    @Override
    public void decode(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(in);
        sessionId = data.readUTF();
        workerId = data.readUTF();
        timestamp = data.readLong();
        iteration = data.readLong();
        loss = data.readDouble();
        classes = data.readInt();
        snapshot = new byte[data.readInt()];
        data.readFully(snapshot);
        failure = data.readUTF();
    }

    @Override
    public String toString() {
        return "PropagationUpdate[worker="
                + workerId
                + ", iteration="
                + iteration
                + ", loss="
                + loss
                + (snapshot.length > 0 ? ", with snapshot" : "")
                + (failure.isEmpty() ? "" : ", failure=" + failure)
                + "]";
    }

    private static byte[] serialize(PropagationSnapshot s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(s);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialize a propagation snapshot", e);
        }
        return bytes.toByteArray();
    }

    private static PropagationSnapshot deserialize(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            in.setObjectInputFilter(SNAPSHOT_CLASSES);
            return (PropagationSnapshot) in.readObject();
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException(
                    "cannot read a worker's propagation snapshot ("
                            + bytes.length
                            + " bytes): are driver and executors on the same eoc version?",
                    e);
        }
    }
}
