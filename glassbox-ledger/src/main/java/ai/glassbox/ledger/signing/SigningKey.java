package ai.glassbox.ledger.signing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * An Ed25519 private key (the JDK's own implementation) and its public half. Stored as a PKCS#8
 * PEM file readable only by its owner; {@link #toString()} never shows the secret.
 */
public final class SigningKey {
    private static final String BEGIN = "-----BEGIN PRIVATE KEY-----";
    private static final String END = "-----END PRIVATE KEY-----";
    private static final int SEED_LENGTH = 32;

    private final PrivateKey privateKey;
    private final VerificationKey publicKey;

    private SigningKey(PrivateKey privateKey, VerificationKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** A new random key. */
    public static SigningKey generate() {
        try {
            var pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            return new SigningKey(pair.getPrivate(), VerificationKey.of(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /**
     * Writes the key to {@code file} (owner read/write only) and its public key beside it as
     * {@code file.pub}.
     *
     * @throws IOException if the file exists (a key is never overwritten) or cannot be written
     */
    public void save(Path file) throws IOException {
        if (Files.exists(file)) throw new FileAlreadyExistsException(file + " exists; refusing to overwrite a signing key");
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String pem = BEGIN + "\n" + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(privateKey.getEncoded()) + "\n" + END + "\n";
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createFile(file);
        }
        Files.writeString(file, pem, StandardCharsets.US_ASCII, StandardOpenOption.TRUNCATE_EXISTING);
        publicKey.save(Path.of(file + ".pub"));
    }

    /** @throws KeyException naming the file if it is not an Ed25519 PKCS#8 PEM key */
    public static SigningKey load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new KeyException("cannot read signing key " + file + ": " + e.getMessage(), e);
        }
        int b = text.indexOf(BEGIN), e = text.indexOf(END);
        if (b < 0 || e < b) throw new KeyException(file + " is not a PEM private key (no " + BEGIN + " block)");
        try {
            byte[] der = Base64.getMimeDecoder().decode(text.substring(b + BEGIN.length(), e));
            PrivateKey key = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
            return new SigningKey(key, VerificationKey.of(publicFromPrivate(key)));
        } catch (IllegalArgumentException | GeneralSecurityException x) {
            throw new KeyException(file + " does not hold an Ed25519 private key: " + x.getMessage(), x);
        }
    }

    /**
     * The key whose RFC 8032 private key is {@code seed} (the 32 bytes that the C2SP signed-note
     * {@code PRIVATE+KEY} string and PKCS#8 both carry).
     *
     * @throws KeyException if {@code seed} is not 32 bytes
     */
    public static SigningKey fromSeed(byte[] seed) {
        if (seed.length != SEED_LENGTH) throw new KeyException("an Ed25519 seed is " + SEED_LENGTH + " bytes, got " + seed.length);
        try {
            var pair = pairFromSeed(seed);
            return new SigningKey(pair.getPrivate(), VerificationKey.of(pair.getPublic()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Ed25519's public key is derived from the private one; the JDK exposes it through a signature check. */
    private static java.security.PublicKey publicFromPrivate(PrivateKey key) throws GeneralSecurityException {
        var spec = KeyFactory.getInstance("Ed25519").getKeySpec(key, java.security.spec.EdECPrivateKeySpec.class);
        var pair = pairFromSeed(spec.getBytes());
        if (!java.util.Arrays.equals(pair.getPrivate().getEncoded(), key.getEncoded())) throw new GeneralSecurityException("cannot derive the public key");
        return pair.getPublic();
    }

    /** Deterministic generation from the seed: the JDK has no public seed-to-public-key call. */
    private static java.security.KeyPair pairFromSeed(byte[] seed) throws GeneralSecurityException {
        var gen = KeyPairGenerator.getInstance("Ed25519");
        gen.initialize(java.security.spec.NamedParameterSpec.ED25519, new FixedRandom(seed));
        return gen.generateKeyPair();
    }

    /** A "random" source that yields one seed: key generation from it is the RFC 8032 derivation. */
    private static final class FixedRandom extends java.security.SecureRandom {
        private final byte[] seed;

        FixedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }

    public VerificationKey publicKey() {
        return publicKey;
    }

    /** The Ed25519 signature of {@code message}. */
    public byte[] sign(byte[] message) {
        try {
            Signature s = Signature.getInstance("Ed25519");
            s.initSign(privateKey);
            s.update(message);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "SigningKey[" + publicKey.keyId() + "]";
    }
}
