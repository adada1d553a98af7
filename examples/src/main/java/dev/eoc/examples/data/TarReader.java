package dev.eoc.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.io.input.BoundedInputStream;
import org.apache.commons.io.input.CloseShieldInputStream;

/**
 * Streams the regular files of a tar archive (POSIX ustar, GNU long names, pax records) with Apache
 * Commons Compress's {@link TarArchiveInputStream}, so the fetchers need no external {@code tar}.
 * Directories, links and devices are skipped; a corrupt header becomes a {@link
 * DatasetFormatException} naming the archive.
 */
final class TarReader {

    private TarReader() {}

    /** Receives each regular file; {@code content} yields exactly the file's bytes. */
    @FunctionalInterface
    interface Visitor {
        void file(String name, long size, InputStream content) throws IOException;
    }

    /**
     * Calls {@code visitor} for every regular file of the (already decompressed) archive {@code
     * in}; {@code archive} names the source in error messages.
     */
    static void forEachFile(InputStream in, Path archive, Visitor visitor) throws IOException {
        // the shield keeps the caller's stream open: it owns it
        TarArchiveInputStream tar = new TarArchiveInputStream(CloseShieldInputStream.wrap(in));
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException | IllegalArgumentException e) {
                throw new DatasetFormatException(
                        archive,
                        "not a tar archive or corrupt: "
                                + e.getMessage()
                                + " after "
                                + tar.getBytesRead()
                                + " bytes");
            }
            if (entry == null) {
                return;
            }
            if (!entry.isCheckSumOK()) {
                // Commons Compress parses such a header anyway; a flipped byte is a corrupt file
                throw new DatasetFormatException(
                        archive,
                        "not a tar archive or corrupt: header checksum mismatch at entry '"
                                + entry.getName()
                                + "' ending at byte "
                                + tar.getBytesRead());
            }
            if (entry.isFile()) {
                // bounded and unclosable, so a visitor can neither read past nor close the archive
                InputStream content =
                        BoundedInputStream.builder()
                                .setInputStream(tar)
                                .setMaxCount(entry.getSize())
                                .setPropagateClose(false)
                                .get();
                visitor.file(entry.getName(), entry.getSize(), content);
            }
        }
    }
}
