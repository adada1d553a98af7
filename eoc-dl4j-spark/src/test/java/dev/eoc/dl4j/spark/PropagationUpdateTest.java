package dev.eoc.dl4j.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.eoc.core.diagnostics.PropagationSnapshot;
import dev.eoc.dl4j.ProbeSet;
import dev.eoc.dl4j.PropagationProbe;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.ByteBuffer;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;

/** An update survives every way DL4J and Spark move it: its own encoding, Java and Kryo. */
class PropagationUpdateTest {

    private static PropagationSnapshot snapshot;

    @BeforeAll
    static void measure() {
        MultiLayerNetwork net = TanhNets.eoc(16, 6, 48, 4, 0.01);
        ProbeSet probe = ProbeSet.correlatedPairs(16, 3, 0.5, 0.5, 3);
        snapshot = PropagationProbe.of(net).measure(net, probe, 40, null);
    }

    private static PropagationUpdate update() {
        return PropagationUpdate.report("session-1", "worker-a", 2.25, 4, snapshot);
    }

    private static void assertSame(PropagationUpdate expected, PropagationUpdate actual) {
        assertEquals(expected.getSessionID(), actual.getSessionID());
        assertEquals(expected.getWorkerID(), actual.getWorkerID());
        assertEquals(PropagationUpdate.TYPE_ID, actual.getTypeID());
        assertEquals(expected.getTimeStamp(), actual.getTimeStamp());
        assertEquals(expected.iteration(), actual.iteration());
        assertEquals(expected.loss(), actual.loss());
        assertEquals(expected.classes(), actual.classes());
        PropagationSnapshot back = actual.snapshot().orElseThrow();
        assertEquals(40, back.iteration());
        assertArrayEquals(snapshot.qEmpirical(), back.qEmpirical(), 0);
        assertArrayEquals(snapshot.cEmpirical(), back.cEmpirical(), 0);
        assertArrayEquals(snapshot.cTheory(), back.cTheory(), 0);
    }

    @Test
    void ownEncodingRoundTrips() {
        PropagationUpdate u = update();
        byte[] bytes = u.encode();
        assertEquals(bytes.length, u.encodingLengthBytes());
        PropagationUpdate back = new PropagationUpdate();
        back.decode(bytes);
        assertSame(u, back);

        ByteBuffer buffer = ByteBuffer.allocate(bytes.length);
        u.encode(buffer);
        buffer.flip();
        PropagationUpdate fromBuffer = new PropagationUpdate();
        fromBuffer.decode(buffer);
        assertSame(u, fromBuffer);
    }

    @Test
    void javaSerializationRoundTrips() throws IOException, ClassNotFoundException {
        PropagationUpdate u = update();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(u);
        }
        try (ObjectInputStream in =
                new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            assertSame(u, (PropagationUpdate) in.readObject());
        }
    }

    @Test
    void sparksKryoSerializerRoundTrips() {
        // the training results (and with them the updates) travel with spark.serializer
        SerializerInstance kryo = new KryoSerializer(new SparkConf()).newInstance();
        ClassTag<PropagationUpdate> tag = ClassTag$.MODULE$.apply(PropagationUpdate.class);
        PropagationUpdate u = update();
        ByteBuffer bytes = kryo.serialize(u, tag);
        assertSame(u, kryo.deserialize(bytes, tag));
    }

    @Test
    void lossOnlyAndFailureUpdatesCarryNoSnapshot() {
        PropagationUpdate loss = PropagationUpdate.loss("s", "w", 3, 1.5);
        assertTrue(loss.snapshot().isEmpty());
        assertTrue(loss.failure().isEmpty());
        PropagationUpdate failed = PropagationUpdate.failure("s", "w", 4, "boom");
        PropagationUpdate back = new PropagationUpdate();
        back.decode(failed.encode());
        assertEquals("boom", back.failure().orElseThrow());
        assertTrue(back.snapshot().isEmpty());
    }
}
