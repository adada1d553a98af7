package dev.eoc.core;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The version of the eoc libraries on the class path, as Maven built them.
 *
 * <p>Read from the {@code dev/eoc/core/version.properties} resource that the build fills in, so it
 * is the same in a jar, in an IDE and in the tests. Quote it in bug reports; the CLI prints it for
 * {@code --version} and in every output file's provenance header.
 */
public final class EocVersion {

    private static final String RESOURCE = "version.properties";

    private EocVersion() {}

    /**
     * The project version, e.g. {@code 0.1.0} or {@code 0.1.0-SNAPSHOT}.
     *
     * @return the version string Maven wrote at build time
     * @throws IllegalStateException if the resource is missing (eoc-core was not built by Maven)
     */
    public static String current() {
        try (InputStream in = EocVersion.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(
                        "dev/eoc/core/"
                                + RESOURCE
                                + " is not on the class path: build eoc-core with Maven");
            }
            Properties p = new Properties();
            p.load(in);
            String v = p.getProperty("version");
            if (v == null || v.isBlank() || v.startsWith("${")) {
                throw new IllegalStateException(
                        "dev/eoc/core/"
                                + RESOURCE
                                + " was not filtered (version="
                                + v
                                + "): build eoc-core with Maven");
            }
            return v;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
