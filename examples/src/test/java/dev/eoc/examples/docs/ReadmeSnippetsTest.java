package dev.eoc.examples.docs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every {@code java} code block of the README files is a complete compilation unit (imports
 * included) that compiles against the libraries as a user's project would: on this module's test
 * class path, which holds eoc-core, eoc-djl, eoc-dl4j, DJL and ND4J.
 */
class ReadmeSnippetsTest {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME =
            Pattern.compile("^public\\s+(?:final\\s+)?class\\s+(\\w+)", Pattern.MULTILINE);

    @TempDir Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"eoc-core/README.md", "eoc-djl/README.md", "eoc-dl4j/README.md"})
    void everyJavaBlockCompiles(String readme) throws IOException {
        List<String> blocks = javaBlocks(projectRoot().resolve(readme));
        assertFalse(blocks.isEmpty(), readme + " has no java example");
        for (String block : blocks) {
            assertTrue(
                    block.contains("import "), readme + ": a snippet without imports:\n" + block);
            Matcher m = CLASS_NAME.matcher(block);
            assertTrue(m.find(), readme + ": a snippet without a public class:\n" + block);
            Path src = dir.resolve(m.group(1) + ".java");
            Files.writeString(src, block);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            Path out = Files.createDirectories(dir.resolve("classes"));
            boolean ok =
                    javac.getTask(
                                    diagnostics,
                                    null,
                                    null,
                                    List.of(
                                            "-classpath",
                                            System.getProperty("java.class.path"),
                                            "-d",
                                            out.toString(),
                                            "-Xlint:none"),
                                    null,
                                    javac.getStandardFileManager(null, null, null)
                                            .getJavaFileObjects(src))
                            .call();
            assertTrue(ok, readme + ": " + m.group(1) + " does not compile:\n" + diagnostics);
        }
    }

    /** The main README keeps no Java fragments that nothing compiles: it links the modules'. */
    @ParameterizedTest
    @ValueSource(strings = {"README.md"})
    void theMainReadmeHasNoUncompiledJava(String readme) throws IOException {
        assertTrue(javaBlocks(projectRoot().resolve(readme)).isEmpty(), readme);
    }

    private static List<String> javaBlocks(Path readme) throws IOException {
        Matcher m = JAVA_BLOCK.matcher(Files.readString(readme));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    private static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("eoc-core")) ? here : here.getParent();
    }
}
