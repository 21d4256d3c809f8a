package ai.glassbox.ledger.note;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/** The lexical rules of c2sp.org/signed-note shared by notes, signature lines and key strings. */
final class NoteSyntax {
    /** Signature type identifier byte of Ed25519 (signed-note, "Signature types"). */
    static final byte ED25519 = 0x01;

    private NoteSyntax() {}

    /**
     * Why {@code name} cannot be a key name, if it cannot: it must be non-empty, valid UTF-8, and hold
     * neither Unicode spaces nor '+'. Control characters are refused too, as no note may contain them.
     */
    static Optional<String> keyNameProblem(String name) {
        if (name.isEmpty()) return Optional.of("the key name is empty");
        for (int i = 0; i < name.length(); ) {
            int cp = name.codePointAt(i);
            if (cp == '+') return Optional.of("key name '" + name + "' contains '+'");
            // Go's unicode.IsSpace, which the reference implementation uses, is the White_Space property.
            if (Character.isWhitespace(cp) || Character.isSpaceChar(cp) || cp == 0x85) {
                return Optional.of("key name '" + name + "' contains a space character U+" + hex4(cp));
            }
            if (cp < 0x20) return Optional.of("key name contains control character U+" + hex4(cp));
            if (Character.isSurrogate((char) cp)) return Optional.of("key name is not valid UTF-8 (unpaired surrogate)");
            i += Character.charCount(cp);
        }
        return Optional.empty();
    }

    /**
     * Why {@code text} breaks the signed-note rules for a whole note or a note text, if it does:
     * valid UTF-8 (no unpaired surrogates) and no ASCII control character other than newline. The
     * problem names the 1-based line.
     */
    static Optional<String> characterProblem(String text) {
        int line = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
            } else if (c < 0x20) {
                return Optional.of("line " + line + " contains control character U+" + hex4(c));
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return Optional.of("line " + line + " is not valid UTF-8 (unpaired surrogate)");
            }
        }
        return Optional.empty();
    }

    /**
     * Decodes standard padded base64 (RFC 4648 §4), accepting only the canonical encoding: the JDK's
     * decoder also takes missing padding and non-zero trailing bits, which would let one signature
     * line be written several ways.
     *
     * @throws IllegalArgumentException if {@code text} is not canonical base64
     */
    static byte[] decodeBase64(String text) {
        byte[] bytes = Base64.getDecoder().decode(text);
        if (!Base64.getEncoder().encodeToString(bytes).equals(text)) throw new IllegalArgumentException("not canonical padded base64");
        return bytes;
    }

    static String encodeBase64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** Key ID = SHA-256(key name || 0x0A || signature type || public key)[:4], big-endian (signed-note, "Signatures"). */
    static int keyId(String name, byte signatureType, byte[] publicKey) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(name.getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) '\n');
            sha256.update(signatureType);
            sha256.update(publicKey);
            byte[] digest = sha256.digest();
            return (digest[0] & 0xff) << 24 | (digest[1] & 0xff) << 16 | (digest[2] & 0xff) << 8 | digest[3] & 0xff;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
    }

    /** A key ID as written in key strings: 8 lowercase hex digits. */
    static String keyIdHex(int keyId) {
        return HexFormat.of().toHexDigits(keyId);
    }

    /**
     * Parses the 8 hex digits of a key ID.
     *
     * @throws IllegalArgumentException if {@code hex} is not 8 hex digits; the message omits the
     *     value, which in a mangled signer key may be part of the secret
     */
    static int parseKeyIdHex(String hex) {
        if (hex.length() != 8 || !hex.chars().allMatch(HexFormat::isHexDigit)) throw new IllegalArgumentException("the key ID is not 8 hex digits");
        return HexFormat.fromHexDigits(hex);
    }

    private static String hex4(int codePoint) {
        return String.format("%04X", codePoint);
    }
}
