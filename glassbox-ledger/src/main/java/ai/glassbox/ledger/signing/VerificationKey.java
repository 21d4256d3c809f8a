package ai.glassbox.ledger.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/**
 * An Ed25519 public key: a signer's identity. Its key id (the fingerprint) is the SHA-256 of its
 * X.509 SubjectPublicKeyInfo encoding, in hex.
 */
public final class VerificationKey {
    private static final String BEGIN = "-----BEGIN PUBLIC KEY-----";
    private static final String END = "-----END PUBLIC KEY-----";
    /** SubjectPublicKeyInfo for id-Ed25519 (RFC 8410 §4) up to the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    private static final int RAW_LENGTH = 32;

    private final PublicKey key;
    private final String keyId;

    private VerificationKey(PublicKey key) {
        this.key = key;
        try {
            this.keyId = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getEncoded()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static VerificationKey of(PublicKey key) {
        if (!"EdDSA".equals(key.getAlgorithm()) && !"Ed25519".equals(key.getAlgorithm())) throw new KeyException("not an Ed25519 key: " + key.getAlgorithm());
        return new VerificationKey(key);
    }

    /** From the DER of a SubjectPublicKeyInfo. @throws KeyException if it is not an Ed25519 key */
    public static VerificationKey fromDer(byte[] der) {
        try {
            return of(KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new KeyException("not an Ed25519 public key: " + e.getMessage(), e);
        }
    }

    /**
     * From the 32-byte RFC 8032 encoding of the public key, as C2SP signed-note verifier keys carry it.
     *
     * @throws KeyException if {@code raw} is not 32 bytes or not an Ed25519 public key
     */
    public static VerificationKey fromRaw(byte[] raw) {
        if (raw.length != RAW_LENGTH) throw new KeyException("an Ed25519 public key is " + RAW_LENGTH + " bytes, got " + raw.length);
        byte[] der = java.util.Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + RAW_LENGTH);
        System.arraycopy(raw, 0, der, SPKI_PREFIX.length, RAW_LENGTH);
        return fromDer(der);
    }

    /** From PEM text ({@code -----BEGIN PUBLIC KEY-----}). */
    public static VerificationKey fromPem(String pem) {
        int b = pem.indexOf(BEGIN), e = pem.indexOf(END);
        if (b < 0 || e < b) throw new KeyException("not a PEM public key (no " + BEGIN + " block)");
        try {
            return fromDer(Base64.getMimeDecoder().decode(pem.substring(b + BEGIN.length(), e)));
        } catch (IllegalArgumentException x) {
            throw new KeyException("malformed base64 in the PEM public key", x);
        }
    }

    public static VerificationKey load(Path file) {
        try {
            return fromPem(Files.readString(file, StandardCharsets.US_ASCII));
        } catch (IOException e) {
            throw new KeyException("cannot read public key " + file + ": " + e.getMessage(), e);
        } catch (KeyException e) {
            throw new KeyException(file + ": " + e.getMessage(), e);
        }
    }

    void save(Path file) throws IOException {
        Files.writeString(file, pem(), StandardCharsets.US_ASCII);
    }

    public String pem() {
        return BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded()) + "\n" + END + "\n";
    }

    /** The fingerprint: hex SHA-256 of the SubjectPublicKeyInfo. */
    public String keyId() {
        return keyId;
    }

    public byte[] der() {
        return key.getEncoded();
    }

    /** The 32-byte RFC 8032 encoding of the key: its SubjectPublicKeyInfo without the algorithm header. */
    public byte[] raw() {
        byte[] der = key.getEncoded();
        if (der.length != SPKI_PREFIX.length + RAW_LENGTH) throw new IllegalStateException("not an Ed25519 SubjectPublicKeyInfo: " + der.length + " bytes");
        return java.util.Arrays.copyOfRange(der, der.length - RAW_LENGTH, der.length);
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code message}. */
    public boolean verifies(byte[] message, byte[] signature) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initVerify(key);
            s.update(message);
            return s.verify(signature);
        } catch (java.security.SignatureException malformed) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VerificationKey k && k.keyId.equals(keyId);
    }

    @Override
    public int hashCode() {
        return keyId.hashCode();
    }

    @Override
    public String toString() {
        return "VerificationKey[" + keyId + "]";
    }
}
