package dev.eoc.examples.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine a run happens on, for provenance. */
public final class Machine {

    private Machine() {}

    /** The CPU model from /proc/cpuinfo, or the architecture when it cannot be read. */
    public static String cpu() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst()
                    .orElse(System.getProperty("os.arch"));
        } catch (IOException e) {
            return System.getProperty("os.arch");
        }
    }

    /**
     * Whether this JVM was started with the library that lets PyTorch's MKL use AVX-512 kernels on
     * AMD CPUs (./eoc preloads it; examples/src/main/native/mkl_avx512_on_amd.c). It changes the
     * speed of DJL runs about 2x and their float rounding, so runs record it.
     */
    public static boolean mklAvx512Preloaded() {
        String preload = System.getenv("LD_PRELOAD");
        return preload != null && preload.contains("libeoc-mkl-avx512");
    }
}
