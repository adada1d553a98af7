package dev.eoc.examples.spark;

import dev.eoc.examples.docs.ReadmeSnippets;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** eoc-dl4j-spark's README examples compile against this module's class path (Spark on it). */
class SparkReadmeSnippetsTest {

    @TempDir Path dir;

    @Test
    void everyJavaBlockOfTheSparkReadmeCompiles() throws IOException {
        ReadmeSnippets.assertEveryJavaBlockCompiles("eoc-dl4j-spark/README.md", dir);
    }
}
