package ai.glassbox.ledger.merkle;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A 32-byte SHA-256 value: a leaf hash, an interior node hash or a tree root. Immutable; the array
 * is copied in and out. Equality is by content and {@link #toString()} is lowercase hex.
 *
 * @param bytes exactly {@value #LENGTH} bytes
 */
public record Hash(byte[] bytes) {
    /** Length of a SHA-256 value in bytes. */
    public static final int LENGTH = 32;

    private static final HexFormat HEX = HexFormat.of();

    /** @throws IllegalArgumentException if {@code bytes} is not {@value #LENGTH} bytes long */
    public Hash {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a hash is " + LENGTH + " bytes, got " + bytes.length);
        }
        bytes = bytes.clone();
    }

    /**
     * Parses 64 hex digits.
     *
     * @throws IllegalArgumentException if {@code hex} is not 64 hex digits
     */
    public static Hash ofHex(String hex) {
        return new Hash(HEX.parseHex(hex));
    }

    /** Copies {@value #LENGTH} bytes starting at {@code offset} of a packed array of hashes. */
    static Hash of(byte[] packed, int offset) {
        return new Hash(Arrays.copyOfRange(packed, offset, offset + LENGTH));
    }

    /** A copy of the 32 bytes. */
    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** Lowercase hex, 64 digits. */
    public String hex() {
        return HEX.formatHex(bytes);
    }

    /** Feeds the bytes to a digest without copying them. */
    void update(MessageDigest digest) {
        digest.update(bytes);
    }

    /** Writes the bytes into a packed array of hashes without copying them twice. */
    void copyTo(byte[] packed, int offset) {
        System.arraycopy(bytes, 0, packed, offset, LENGTH);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Hash other && MessageDigest.isEqual(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return hex();
    }
}
