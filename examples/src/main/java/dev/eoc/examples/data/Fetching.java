package dev.eoc.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Steps shared by the fetchers: checking installed files and installing verified copies. */
final class Fetching {
    private Fetching() {}

    /** True when every file is in {@code dir} with its expected content MD5. */
    static boolean allPresent(Path dir, List<ExpectedFile> files) {
        for (ExpectedFile file : files) {
            Path path = dir.resolve(file.targetName());
            if (!Files.isRegularFile(path) || !hasContentMd5(path, file.contentMd5())) {
                return false;
            }
        }
        return true;
    }

    /**
     * What is wrong with an installed copy, one phrase per file that is present but fails its
     * checksum or cannot be read ({@code train-labels-idx1-ubyte failed its MD5 check: expected
     * ..., got ...}); empty when nothing is installed or all is intact. Missing files of a partial
     * copy are named too.
     */
    static List<String> damage(Path dir, List<ExpectedFile> files) {
        List<String> out = new java.util.ArrayList<>();
        boolean any = files.stream().anyMatch(f -> Files.exists(dir.resolve(f.targetName())));
        if (!any) {
            return out;
        }
        for (ExpectedFile file : files) {
            Path path = dir.resolve(file.targetName());
            if (!Files.isRegularFile(path)) {
                out.add(path + " is missing");
                continue;
            }
            try {
                String md5 = FileUtil.md5OfContent(path);
                if (!md5.equals(file.contentMd5())) {
                    out.add(
                            path
                                    + " failed its MD5 check (expected "
                                    + file.contentMd5()
                                    + ", got "
                                    + md5
                                    + ")");
                }
            } catch (IOException e) {
                out.add(path + " cannot be read (" + e.getMessage() + ")");
            }
        }
        return out;
    }

    private static boolean hasContentMd5(Path file, String md5) {
        try {
            return FileUtil.md5OfContent(file).equals(md5);
        } catch (IOException e) {
            return false; // unreadable or broken gzip: fetch it again
        }
    }

    /**
     * Copies {@code content} to {@code target} atomically, refusing (and leaving nothing behind)
     * when the MD5 of the copy differs from {@code expected}.
     */
    static void installVerified(
            InputStream content, Path target, ExpectedFile expected, Path source)
            throws IOException {
        FileUtil.writeAtomically(
                target,
                content::transferTo,
                written -> {
                    String md5 = FileUtil.md5OfContent(written);
                    if (!md5.equals(expected.contentMd5())) {
                        throw new DatasetFetchException(
                                "checksum mismatch for "
                                        + expected.sourceName()
                                        + " from "
                                        + source
                                        + ": expected MD5 "
                                        + expected.contentMd5()
                                        + ", found "
                                        + md5
                                        + "; nothing was installed");
                    }
                });
    }
}
