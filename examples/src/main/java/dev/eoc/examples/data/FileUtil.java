package dev.eoc.examples.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** File helpers for the fetchers: checksums, atomic installs, recursive deletes. */
final class FileUtil {
    private FileUtil() {}

    /** Writes the content of a file being installed. */
    @FunctionalInterface
    interface Content {
        void writeTo(OutputStream out) throws IOException;
    }

    /** Verifies a written file before it is moved into place; throws if it is wrong. */
    @FunctionalInterface
    interface Check {
        void verify(Path written) throws IOException;
    }

    /**
     * Writes {@code target} atomically: the content goes to a hidden temporary file in the same
     * directory, is verified, and is then renamed over {@code target}, so an interrupted or failed
     * fetch never leaves a half-written file under the final name.
     */
    static void writeAtomically(Path target, Content content, Check check) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".part");
        try {
            try (OutputStream out = Files.newOutputStream(temp)) {
                content.writeTo(out);
            }
            check.verify(temp);
            makeWorldReadable(temp);
            moveAtomically(temp, target);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Renames {@code from} to {@code to}, atomically where the file system allows it. */
    static void moveAtomically(Path from, Path to) throws IOException {
        try {
            Files.move(
                    from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Gives a file rw-r--r-- and a directory rwxr-xr-x: temporary files are created private (0600 /
     * 0700), but installed data is meant to be shared like any downloaded file.
     */
    static void makeWorldReadable(Path path) throws IOException {
        boolean dir = Files.isDirectory(path);
        try {
            Files.setPosixFilePermissions(
                    path, PosixFilePermissions.fromString(dir ? "rwxr-xr-x" : "rw-r--r--"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the default permissions are all we can have
        }
    }

    /** Lower-case hex MD5 of the file's bytes. */
    static String md5(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return md5(in);
        }
    }

    /** Lower-case hex MD5 of the file's content after gunzip (or of its bytes if plain). */
    static String md5OfContent(Path file) throws IOException {
        try (InputStream in = DataFile.open(file)) {
            return md5(in);
        }
    }

    /** Lower-case hex MD5 of everything left in {@code in}. */
    static String md5(InputStream in) throws IOException {
        MessageDigest digest = newMd5();
        try (DigestInputStream digesting = new DigestInputStream(in, digest)) {
            digesting.transferTo(OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    /** A fresh MD5 digest; every JDK must provide MD5. */
    static MessageDigest newMd5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }

    /** Deletes a file or a directory tree; does nothing if it does not exist. */
    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
        }
        for (Path p : paths) {
            Files.deleteIfExists(p);
        }
    }
}
