package dev.eoc.examples.data;

import java.util.regex.Pattern;

/**
 * A file a fetcher installs: its name in the source, its name in the data directory and the MD5 its
 * content must have. The MD5 is taken after gunzip for gzip files, so a recompressed but otherwise
 * identical file still passes, and plain and gzip copies share one checksum.
 *
 * @param sourceName the file's name (or path) where it is fetched from
 * @param targetName the file's name in the dataset folder of the data directory
 * @param contentMd5 lower-case hex MD5 of the content (after gunzip when the file is gzip)
 */
record ExpectedFile(String sourceName, String targetName, String contentMd5) {
    private static final Pattern MD5 = Pattern.compile("[0-9a-f]{32}");

    ExpectedFile {
        if (sourceName.isBlank() || targetName.isBlank()) {
            throw new IllegalArgumentException("file names must not be blank");
        }
        if (!MD5.matcher(contentMd5).matches()) {
            throw new IllegalArgumentException("not a lower-case hex MD5: " + contentMd5);
        }
    }
}
