package ai.glassbox.eval.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digest of one sample: the SHA-256 of its line in {@code samples_TASK.jsonl}, that is of the
 * line's UTF-8 bytes without the newline that ends it. The line's bytes are deterministic (fixed
 * field order, shortest round-trip doubles), so a re-run of a local-engine sample gives the same
 * digest exactly when it gives the same record.
 */
public final class SampleDigest {
    private SampleDigest() {}

    /**
     * The lowercase hex SHA-256 of {@code line}.
     *
     * @param line one line's bytes, without its newline
     * @throws IllegalArgumentException if {@code line} holds a newline
     */
    public static String sha256(byte[] line) {
        for (int i = 0; i < line.length; i++) if (line[i] == '\n') throw new IllegalArgumentException("a sample line has no newline inside; byte " + i + " is one");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(line));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The lowercase hex SHA-256 of {@code line}'s UTF-8 bytes.
     *
     * @throws IllegalArgumentException if {@code line} holds a newline
     */
    public static String sha256(String line) {
        return sha256(line.getBytes(StandardCharsets.UTF_8));
    }
}
