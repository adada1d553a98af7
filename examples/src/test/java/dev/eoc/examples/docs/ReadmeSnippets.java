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

/**
 * Compiles a README's {@code java} code blocks as a user's project would: each block a complete
 * compilation unit (imports included), against the calling test's class path. Shared with
 * eoc-examples-spark (this module's test jar), whose class path holds Spark.
 */
public final class ReadmeSnippets {

    private static final Pattern JAVA_BLOCK = Pattern.compile("```java\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern CLASS_NAME =
            Pattern.compile("^public\\s+(?:final\\s+)?class\\s+(\\w+)", Pattern.MULTILINE);

    private ReadmeSnippets() {}

    /** Asserts that the README (relative to the project root) has java blocks and all compile. */
    public static void assertEveryJavaBlockCompiles(String readme, Path workDir)
            throws IOException {
        List<String> blocks = javaBlocks(projectRoot().resolve(readme));
        assertFalse(blocks.isEmpty(), readme + " has no java example");
        for (String block : blocks) {
            assertTrue(
                    block.contains("import "), readme + ": a snippet without imports:\n" + block);
            Matcher m = CLASS_NAME.matcher(block);
            assertTrue(m.find(), readme + ": a snippet without a public class:\n" + block);
            Path src = workDir.resolve(m.group(1) + ".java");
            Files.writeString(src, block);
            JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
            StringWriter diagnostics = new StringWriter();
            Path out = Files.createDirectories(workDir.resolve("classes"));
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

    /** The README's java blocks, in order. */
    public static List<String> javaBlocks(Path readme) throws IOException {
        Matcher m = JAVA_BLOCK.matcher(Files.readString(readme));
        List<String> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    /** The repository root, from a module's or the root's working directory. */
    public static Path projectRoot() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("eoc-core")) ? here : here.getParent();
    }
}
