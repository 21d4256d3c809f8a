package ai.glassbox.ledger.note;

import ai.glassbox.ledger.signing.KeyException;
import ai.glassbox.ledger.signing.VerificationKey;
import java.util.Arrays;
import java.util.Objects;

/**
 * A named Ed25519 public key that verifies signed-note signatures. Its key ID is derived, never
 * chosen: SHA-256(name || 0x0A || 0x01 || 32-byte public key)[:4]. Immutable and thread-safe.
 *
 * <p>Its text form, the verifier key ({@link #vkey()}), is
 * {@code <name>+<8 hex digits of key ID>+<base64(0x01 || 32-byte public key)>}, as in
 * golang.org/x/mod/sumdb/note.
 *
 * @param name the key name: non-empty, no Unicode spaces, no '+'; for a log, its checkpoint origin
 * @param key the Ed25519 public key
 */
public record NoteVerifier(String name, VerificationKey key) {
    private static final int ED25519_PUBLIC_KEY_LENGTH = 32;

    /** @throws KeyException if {@code name} cannot be a key name */
    public NoteVerifier {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(key, "key");
        NoteSyntax.keyNameProblem(name).ifPresent(problem -> {
            throw new KeyException(problem);
        });
    }

    /**
     * Parses a verifier key string; the key ID in it must be the one the name and key derive.
     *
     * @throws KeyException saying which part is malformed, or that the key ID does not match
     */
    public static NoteVerifier parse(String vkey) {
        String[] parts = vkey.split("\\+", 3); // names hold no '+'; base64 may
        if (parts.length != 3) throw new KeyException("verifier key '" + vkey + "' is not <name>+<key ID>+<key>");
        int keyId;
        byte[] typed;
        try {
            keyId = NoteSyntax.parseKeyIdHex(parts[1]);
            typed = NoteSyntax.decodeBase64(parts[2]);
        } catch (IllegalArgumentException e) {
            throw new KeyException("verifier key '" + vkey + "': " + e.getMessage(), e);
        }
        NoteVerifier verifier = new NoteVerifier(parts[0], VerificationKey.fromRaw(ed25519Key(typed, parts[0])));
        if (verifier.keyId() != keyId) {
            throw new KeyException("verifier key for '" + parts[0] + "' says key ID " + parts[1] + ", but its name and key give " + NoteSyntax.keyIdHex(verifier.keyId()));
        }
        return verifier;
    }

    /** Strips the signature type byte, accepting only Ed25519's. */
    static byte[] ed25519Key(byte[] typed, String name) {
        if (typed.length == 0 || typed[0] != NoteSyntax.ED25519) {
            String type = typed.length == 0 ? "none" : String.format("0x%02x", typed[0]);
            throw new KeyException("key '" + name + "' has signature type " + type + "; only Ed25519 (0x01) is supported");
        }
        if (typed.length != 1 + ED25519_PUBLIC_KEY_LENGTH) {
            throw new KeyException("key '" + name + "' is " + (typed.length - 1) + " bytes, an Ed25519 key is " + ED25519_PUBLIC_KEY_LENGTH);
        }
        return Arrays.copyOfRange(typed, 1, typed.length);
    }

    /** The 32-bit key ID that signature lines by this key carry. */
    public int keyId() {
        return NoteSyntax.keyId(name, NoteSyntax.ED25519, key.raw());
    }

    /** The verifier key string, {@code <name>+<key ID hex>+<base64(0x01 || public key)>}. */
    public String vkey() {
        return name + "+" + NoteSyntax.keyIdHex(keyId()) + "+" + NoteSyntax.encodeBase64(typedKey());
    }

    /** Whether {@code signature} is this key's Ed25519 signature of {@code text}. */
    boolean verifies(byte[] text, byte[] signature) {
        return key.verifies(text, signature);
    }

    private byte[] typedKey() {
        byte[] raw = key.raw();
        byte[] typed = new byte[1 + raw.length];
        typed[0] = NoteSyntax.ED25519;
        System.arraycopy(raw, 0, typed, 1, raw.length);
        return typed;
    }

    /** The verifier key string: public, and what a person would paste into a configuration. */
    @Override
    public String toString() {
        return vkey();
    }
}
