package dev.eoc.examples.docs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code java} code block of the README files is a complete compilation unit (imports
 * included) that compiles against the libraries as a user's project would: on this module's test
 * class path, which holds eoc-core, eoc-djl, eoc-dl4j, DJL and ND4J (eoc-dl4j-spark's README is
 * compiled by eoc-examples-spark, whose class path holds Spark).
 */
class ReadmeSnippetsTest {

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"eoc-core/README.md", "eoc-djl/README.md", "eoc-dl4j/README.md"})
    void everyJavaBlockCompiles(String readme) throws IOException {
        ReadmeSnippets.assertEveryJavaBlockCompiles(readme, dir);
    }

    /** The main README keeps no Java fragments that nothing compiles: it links the modules'. */
    @ParameterizedTest
    @ValueSource(strings = {"README.md"})
    void theMainReadmeHasNoUncompiledJava(String readme) throws IOException {
        assertTrue(
                ReadmeSnippets.javaBlocks(ReadmeSnippets.projectRoot().resolve(readme)).isEmpty(),
                readme);
    }
}
