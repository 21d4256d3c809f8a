package ai.glassbox.ledger.note;

import static ai.glassbox.ledger.note.GoVectors.PETER_SKEY;
import static ai.glassbox.ledger.note.GoVectors.PETER_VKEY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.signing.KeyException;
import ai.glassbox.ledger.signing.SigningKey;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Verifier and signer key strings, key IDs and key names. */
class NoteKeysTest {
    @Test
    void goExampleKeysParseAndAgreeOnKeyId() {
        NoteVerifier verifier = NoteVerifier.parse(PETER_VKEY);
        NoteSigner signer = NoteSigner.parse(PETER_SKEY);
        assertEquals("PeterNeumann", verifier.name());
        assertEquals(0xc74f20a3, verifier.keyId());
        assertEquals(0xc74f20a3, signer.keyId());
        assertEquals(verifier, signer.verifier());
        assertEquals(PETER_VKEY, verifier.vkey());
        assertEquals(PETER_VKEY, signer.verifier().toString());
        byte[] typed = java.util.Base64.getDecoder().decode("ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW");
        assertEquals(HexFormat.of().formatHex(typed, 1, 33), HexFormat.of().formatHex(verifier.key().raw()), "the key after the 0x01 type byte");
    }

    @Test
    void keyIdIsTheSpecHashOfNameTypeAndKey() throws Exception {
        NoteVerifier verifier = NoteVerifier.parse(PETER_VKEY);
        var sha256 = java.security.MessageDigest.getInstance("SHA-256");
        sha256.update("PeterNeumann\n\u0001".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        byte[] digest = sha256.digest(verifier.key().raw());
        assertEquals("c74f20a3", HexFormat.of().formatHex(digest, 0, 4));
        // The same key under another name has another ID: the name is part of the identity.
        assertTrue(new NoteVerifier("PeterNeumann2", verifier.key()).keyId() != verifier.keyId());
    }

    @Test
    void verifierKeysRoundTripForGeneratedKeys() {
        SigningKey key = SigningKey.generate();
        NoteVerifier verifier = new NoteVerifier("example.com/log", key.publicKey());
        assertEquals(verifier, NoteVerifier.parse(verifier.vkey()));
        assertEquals(verifier.keyId(), new NoteSigner("example.com/log", key).keyId());
    }

    /** The manglings of the reference implementation's TestNewVerifier: every proper substring, every byte changed. */
    @Test
    void everyManglingOfAVerifierKeyIsRejected() {
        for (String bad : manglings(PETER_VKEY)) assertThrows(KeyException.class, () -> NoteVerifier.parse(bad), bad);
    }

    @Test
    void everyManglingOfASignerKeyIsRejected() {
        for (String bad : manglings(PETER_SKEY)) {
            var e = assertThrows(KeyException.class, () -> NoteSigner.parse(bad), bad);
            for (String piece : new String[] {"AYEKFALV", "FGyNhPJE", "MzD1QIDr", "Y7hfZx09", "iUvxdXHK"}) {
                assertFalse(e.getMessage().contains(piece), "the message leaks the secret: " + e.getMessage());
                assertTrue(e.getCause() == null || !String.valueOf(e.getCause().getMessage()).contains(piece), "the cause leaks the secret");
            }
        }
    }

    @Test
    void verifierKeysWithTheRightIdButAnotherLengthOrTypeAreRejected() {
        // From note_test.go: the key IDs are adjusted to match, so only the length or type is wrong.
        // Not canonical base64 either ("Y==" leaves stray bits), which the reference implementation does not check.
        assertThrows(KeyException.class, () -> NoteVerifier.parse("PeterNeumann+cc469956+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TWBADKEY=="));
        byte[] short31 = new byte[32];
        short31[0] = 0x01;
        String shortKey = "PeterNeumann+" + NoteSyntax.keyIdHex(NoteSyntax.keyId("PeterNeumann", (byte) 1, new byte[31])) + "+" + java.util.Base64.getEncoder().encodeToString(short31);
        var length = assertThrows(KeyException.class, () -> NoteVerifier.parse(shortKey));
        assertTrue(length.getMessage().contains("31 bytes"), length.getMessage());
        var type = assertThrows(KeyException.class, () -> NoteVerifier.parse("PeterNeumann+173116ae+ZRpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
        assertTrue(type.getMessage().contains("0x65"), type.getMessage());
        var id = assertThrows(KeyException.class, () -> NoteVerifier.parse("PeterNeumann+c74f20a4+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW"));
        assertTrue(id.getMessage().contains("c74f20a3"), id.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a b", "a+b", "a\tb", "a\u00a0b", "a\u2003b", "a\u3000b", "a\u2028b", "a\u0085b", "a\u0001b", "\ud800"})
    void keyNamesWithSpacesPlusOrControlsAreRejected(String name) {
        SigningKey key = SigningKey.generate();
        assertThrows(KeyException.class, () -> new NoteVerifier(name, key.publicKey()));
        assertThrows(KeyException.class, () -> new NoteSigner(name, key));
    }

    @ParameterizedTest
    @ValueSource(strings = {"example.com/log", "PeterNeumann", "例え.jp/ログ", "—", "a=b"})
    void keyNamesMayBeAnyOtherNonEmptyText(String name) {
        NoteVerifier verifier = new NoteVerifier(name, SigningKey.generate().publicKey());
        assertEquals(verifier, NoteVerifier.parse(verifier.vkey()));
    }

    @Test
    void signerNeverShowsItsSecret() {
        assertEquals("NoteSigner[PeterNeumann+c74f20a3]", NoteSigner.parse(PETER_SKEY).toString());
    }

    private static java.util.List<String> manglings(String key) {
        byte[] b = key.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        var out = new java.util.ArrayList<String>();
        for (int i = 0; i <= b.length; i++) {
            for (int j = i + 1; j <= b.length; j++) {
                if (i != 0 || j != b.length) out.add(new String(b, i, j - i, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        for (int i = 0; i < b.length; i++) {
            b[i]++;
            out.add(new String(b, java.nio.charset.StandardCharsets.UTF_8));
            b[i]--;
        }
        return out;
    }
}
