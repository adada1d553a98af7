package dev.eoc.dl4j.spark;

import org.apache.spark.SparkConf;
import org.nd4j.linalg.factory.Nd4j;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks, on the driver, the two things that make DL4J's Spark training fail on Java 17 with errors
 * that do not say what is wrong: a Scala library too old for Java 17's lambda serialization
 * (2.12.14, which dl4j-spark 1.0.0-M2 brings, fails at the first task with {@code
 * InvalidObjectException ... SerializedLambda ... too many arguments}; 2.12.18, Spark 3.5's own,
 * works), and Kryo without {@code java.util.concurrent.atomic} opened to it. Both were found on
 * this project's machines (issue 17); the module's POM pins Scala 2.12.18, so an application only
 * meets the first when its own build downgrades Scala.
 */
public final class SparkCompatibility {

    /** Newest Scala 2.12 patch release seen to fail on Java 17 (dl4j-spark 1.0.0-M2's own). */
    static final int LAST_FAILING_SCALA_PATCH = 14;

    /** The JVM flag Kryo needs on Java 17 to (de)serialize DL4J's atomic counters. */
    static final String KRYO_OPENS =
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED";

    private static final Logger LOG = LoggerFactory.getLogger(SparkCompatibility.class);

    private SparkCompatibility() {}

    /**
     * Logs a warning when {@code local[n]} runs more ND4J threads than the machine has cores: n
     * training tasks share this JVM, each op of each task using ND4J's threads. Measured here (2
     * cores, {@code local[2]}, depth-30 width-128 MLP): 5 s per averaging round at ND4J's default 2
     * threads, 1 s at 1 (docs/BENCHMARKS.md).
     */
    public static void warnIfOversubscribed(String master, int parallelism) {
        String warning =
                oversubscription(
                        master,
                        parallelism,
                        Nd4j.getEnvironment().maxThreads(),
                        Runtime.getRuntime().availableProcessors());
        if (warning != null) {
            LOG.warn("{}", warning);
        }
    }

    static String oversubscription(String master, int parallelism, int nd4jThreads, int cores) {
        if (master == null || !master.startsWith("local") || nd4jThreads * parallelism <= cores) {
            return null;
        }
        return master
                + " runs "
                + parallelism
                + " training tasks in this JVM with "
                + nd4jThreads
                + " ND4J threads per op each, on "
                + cores
                + " cores: they oversubscribe the CPU (5x slower per averaging round measured on 2"
                + " cores). Start the JVM with OMP_NUM_THREADS="
                + Math.max(1, cores / parallelism)
                + " in its environment";
    }

    /**
     * Throws when this driver JVM cannot run DL4J's Spark training as configured.
     *
     * @param conf the Spark context's configuration (its serializer matters)
     * @throws IllegalStateException naming what is wrong and the fix
     */
    public static void check(SparkConf conf) {
        checkScala(scala.util.Properties.versionNumberString(), Runtime.version().feature());
        boolean kryo =
                conf.get("spark.serializer", "")
                        .equals("org.apache.spark.serializer.KryoSerializer");
        boolean atomicOpen =
                Object.class
                        .getModule()
                        .isOpen(
                                "java.util.concurrent.atomic",
                                SparkCompatibility.class.getModule());
        checkKryo(kryo, atomicOpen);
    }

    static void checkScala(String scalaVersion, int javaFeature) {
        String[] parts = scalaVersion.split("\\.");
        if (javaFeature < 17
                || parts.length < 3
                || !parts[0].equals("2")
                || !parts[1].equals("12")) {
            return;
        }
        int patch;
        try {
            patch = Integer.parseInt(parts[2].replaceAll("[^0-9].*$", ""));
        } catch (NumberFormatException e) {
            return;
        }
        if (patch <= LAST_FAILING_SCALA_PATCH) {
            throw new IllegalStateException(
                    "scala-library "
                            + scalaVersion
                            + " on Java "
                            + javaFeature
                            + ": Spark tasks would fail to deserialize their lambdas"
                            + " (InvalidObjectException: ... SerializedLambda). Use Scala 2.12.18:"
                            + " declare org.scala-lang:scala-library and scala-reflect 2.12.18 in"
                            + " your dependencyManagement (eoc-dl4j-spark's POM brings them; a"
                            + " nearer declaration in your build replaced them)");
        }
    }

    static void checkKryo(boolean kryo, boolean atomicOpen) {
        if (kryo && !atomicOpen) {
            throw new IllegalStateException(
                    "spark.serializer is Kryo but java.util.concurrent.atomic is not open to it:"
                            + " DL4J's training results would fail to serialize. Start the driver"
                            + " and executors with "
                            + KRYO_OPENS
                            + " (spark-submit --driver-java-options and"
                            + " spark.executor.extraJavaOptions), or use Spark's default Java"
                            + " serializer");
        }
    }
}
