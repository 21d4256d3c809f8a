package ai.glassbox.ledger.note;

import ai.glassbox.ledger.signing.KeyException;
import ai.glassbox.ledger.signing.SigningKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named Ed25519 private key that signs notes. Thread-safe; {@link #toString()} never shows the
 * secret.
 *
 * @param name the key name: non-empty, no Unicode spaces, no '+'; for a log, its checkpoint origin
 * @param key the Ed25519 private key
 */
public record NoteSigner(String name, SigningKey key) {
    private static final String PRIVATE_KEY_PREFIX = "PRIVATE+KEY+";
    private static final int ED25519_SEED_LENGTH = 32;

    /** @throws KeyException if {@code name} cannot be a key name */
    public NoteSigner {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        NoteSyntax.keyNameProblem(name).ifPresent(problem -> {
            throw new KeyException(problem);
        });
    }

    /**
     * Parses a signer key string, {@code PRIVATE+KEY+<name>+<key ID hex>+<base64(0x01 || 32-byte
     * seed)>}, as golang.org/x/mod/sumdb/note writes them; the key ID must be the one the name and
     * the derived public key give. Messages never include the secret.
     *
     * @throws KeyException saying which part is malformed, or that the key ID does not match
     */
    public static NoteSigner parse(String skey) {
        if (!skey.startsWith(PRIVATE_KEY_PREFIX)) throw new KeyException("a signer key starts with " + PRIVATE_KEY_PREFIX);
        String[] parts = skey.substring(PRIVATE_KEY_PREFIX.length()).split("\\+", 3);
        if (parts.length != 3) throw new KeyException("signer key is not " + PRIVATE_KEY_PREFIX + "<name>+<key ID>+<key>");
        int keyId;
        byte[] typed;
        try {
            keyId = NoteSyntax.parseKeyIdHex(parts[1]);
            typed = NoteSyntax.decodeBase64(parts[2]);
        } catch (IllegalArgumentException e) {
            // No cause: the decoder's message may quote the secret.
            throw new KeyException("signer key for '" + parts[0] + "': " + (e.getMessage().startsWith("the key ID") ? e.getMessage() : "the key is not canonical padded base64"));
        }
        if (typed.length != 1 + ED25519_SEED_LENGTH || typed[0] != NoteSyntax.ED25519) {
            throw new KeyException("signer key for '" + parts[0] + "' is not a 0x01-tagged " + ED25519_SEED_LENGTH + "-byte Ed25519 seed");
        }
        byte[] seed = Arrays.copyOfRange(typed, 1, typed.length);
        NoteSigner signer = new NoteSigner(parts[0], SigningKey.fromSeed(seed));
        Arrays.fill(seed, (byte) 0);
        Arrays.fill(typed, (byte) 0);
        if (signer.keyId() != keyId) {
            throw new KeyException("signer key for '" + parts[0] + "' says key ID " + parts[1] + ", but its name and key give " + NoteSyntax.keyIdHex(signer.keyId()));
        }
        return signer;
    }

    /** The matching verifier: same name, the public half of the key. */
    public NoteVerifier verifier() {
        return new NoteVerifier(name, key.publicKey());
    }

    /** The 32-bit key ID of this key's signature lines. */
    public int keyId() {
        return verifier().keyId();
    }

    /** The Ed25519 signature of {@code text}. */
    byte[] sign(byte[] text) {
        return key.sign(text);
    }

    @Override
    public String toString() {
        return "NoteSigner[" + name + "+" + NoteSyntax.keyIdHex(keyId()) + "]";
    }
}
