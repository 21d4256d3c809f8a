package ai.glassbox.ledger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** SHA-256 of bytes and of files, the digest every ledger record names things by. */
public final class Sha256 {
    private Sha256() {}

    /** A new SHA-256 digest. */
    public static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** SHA-256 of {@code bytes}. */
    public static byte[] of(byte[] bytes) {
        return digest().digest(bytes);
    }

    /** SHA-256 of {@code bytes}, lower-case hex. */
    public static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(of(bytes));
    }

    /**
     * SHA-256 of a file's bytes, read in 64 KiB pieces.
     *
     * @throws UncheckedIOException naming the file if it can't be read
     */
    public static byte[] ofFile(Path file) {
        MessageDigest md = digest();
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return md.digest();
    }
}
