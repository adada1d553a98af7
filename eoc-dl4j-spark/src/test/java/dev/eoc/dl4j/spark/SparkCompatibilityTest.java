package dev.eoc.dl4j.spark;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

class SparkCompatibilityTest {

    @Test
    void scalaThatFailsOnJava17IsNamedWithTheVersionToUse() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> SparkCompatibility.checkScala("2.12.14", 17));
        assertTrue(e.getMessage().contains("scala-library 2.12.14 on Java 17"), e.getMessage());
        assertTrue(e.getMessage().contains("2.12.18"), e.getMessage());
    }

    @Test
    void goodScalaOrAnOlderJavaOrAnotherScalaLinePass() {
        assertDoesNotThrow(() -> SparkCompatibility.checkScala("2.12.18", 17));
        assertDoesNotThrow(() -> SparkCompatibility.checkScala("2.12.14", 11));
        assertDoesNotThrow(() -> SparkCompatibility.checkScala("2.13.12", 17));
    }

    @Test
    void kryoWithoutTheAtomicPackageOpenNamesTheFlag() {
        IllegalStateException e =
                assertThrows(
                        IllegalStateException.class,
                        () -> SparkCompatibility.checkKryo(true, false));
        assertTrue(e.getMessage().contains(SparkCompatibility.KRYO_OPENS), e.getMessage());
        assertDoesNotThrow(() -> SparkCompatibility.checkKryo(false, false));
        assertDoesNotThrow(() -> SparkCompatibility.checkKryo(true, true));
    }

    @Test
    void localModeWithMoreNd4jThreadsThanCoresIsNamedWithTheThreadCountToUse() {
        String w = SparkCompatibility.oversubscription("local[2]", 2, 2, 2);
        assertTrue(w != null && w.contains("OMP_NUM_THREADS=1"), w);
        assertTrue(SparkCompatibility.oversubscription("local[2]", 2, 1, 2) == null);
        assertTrue(SparkCompatibility.oversubscription("spark://host:7077", 8, 4, 2) == null);
    }

    @Test
    void thisTestJvmPassesWithKryo() {
        // surefire starts it with the module's --add-opens flags and Scala 2.12.18
        assertDoesNotThrow(
                () ->
                        SparkCompatibility.check(
                                new SparkConf()
                                        .set(
                                                "spark.serializer",
                                                "org.apache.spark.serializer.KryoSerializer")));
    }
}
