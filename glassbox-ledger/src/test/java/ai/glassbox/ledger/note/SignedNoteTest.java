package ai.glassbox.ledger.note;

import static ai.glassbox.ledger.note.GoVectors.ENOCH_SIG;
import static ai.glassbox.ledger.note.GoVectors.ENOCH_VKEY;
import static ai.glassbox.ledger.note.GoVectors.PETER_SIG;
import static ai.glassbox.ledger.note.GoVectors.PETER_SKEY;
import static ai.glassbox.ledger.note.GoVectors.PETER_VKEY;
import static ai.glassbox.ledger.note.GoVectors.SIGNED;
import static ai.glassbox.ledger.note.GoVectors.TEXT;
import static ai.glassbox.ledger.note.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.note.NoteException.Reason;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Signed notes against the reference implementation's example, and every way to break one. */
class SignedNoteTest {
    private static final NoteSigner PETER = NoteSigner.parse(PETER_SKEY);
    private static final NoteVerifier PETER_V = NoteVerifier.parse(PETER_VKEY);
    private static final NoteVerifier ENOCH_V = NoteVerifier.parse(ENOCH_VKEY);
    private static final List<NoteVerifier> KNOWN = List.of(PETER_V);

    @Test
    void signingTheGoExampleReproducesItsBytes() {
        SignedNote note = SignedNote.sign(TEXT, PETER);
        assertEquals(SIGNED, note.render());
        assertArrayEquals(SIGNED.getBytes(StandardCharsets.UTF_8), note.render().getBytes(StandardCharsets.UTF_8));
        assertEquals(note, SignedNote.parse(SIGNED));
    }

    @Test
    void openingTheGoExampleYieldsItsTextAndSignature() {
        VerifiedNote opened = SignedNote.open(SIGNED, KNOWN);
        assertEquals(TEXT, opened.text());
        assertEquals(1, opened.verified().size());
        assertEquals("PeterNeumann+c74f20a3", opened.verified().getFirst().key());
        assertEquals(64, opened.verified().getFirst().signature().length);
        assertEquals(List.of(), opened.unverified());
        assertEquals(opened, SignedNote.parse(SIGNED.getBytes(StandardCharsets.UTF_8)).verify(KNOWN));
    }

    /** note_test.go's TestOpen: one known and one unknown signer, both known, neither. */
    @Test
    void signaturesByUnknownKeysAreIgnoredButOneKnownKeyMustSign() {
        String both = TEXT + "\n" + PETER_SIG + ENOCH_SIG;
        VerifiedNote peterOnly = SignedNote.open(both, KNOWN);
        assertEquals(List.of("PeterNeumann+c74f20a3"), peterOnly.verified().stream().map(SignedNote.Signature::key).toList());
        assertEquals(List.of("EnochRoot+af0cfe78"), peterOnly.unverified().stream().map(SignedNote.Signature::key).toList());

        VerifiedNote twice = SignedNote.open(both, List.of(PETER_V, ENOCH_V));
        assertEquals(List.of("PeterNeumann+c74f20a3", "EnochRoot+af0cfe78"), twice.verified().stream().map(SignedNote.Signature::key).toList());
        assertEquals(List.of(), twice.unverified());

        var none = assertRejected(Reason.UNKNOWN_KEY, () -> SignedNote.open(both, List.of()), "no known keys");
        assertTrue(none.getMessage().contains("EnochRoot+af0cfe78"), none.getMessage());
        assertRejected(Reason.UNKNOWN_KEY, () -> SignedNote.open(TEXT + "\n" + ENOCH_SIG, KNOWN), "only an unknown signer");
    }

    @Test
    void repeatedLinesCountOnceAndKnownKeysAreAlwaysChecked() {
        String enochAltered = ENOCH_SIG.substring(0, 60) + "ABCD" + ENOCH_SIG.substring(60);
        VerifiedNote opened = SignedNote.open(TEXT + "\n" + PETER_SIG + PETER_SIG + ENOCH_SIG + ENOCH_SIG + enochAltered, KNOWN);
        assertEquals(1, opened.verified().size());
        assertEquals(2, opened.unverified().size(), "two distinct Enoch lines");
        assertEquals(1, SignedNote.open(SIGNED, List.of(PETER_V, PETER_V)).verified().size(), "a verifier given twice is one key");

        // The reference implementation skips a second line by a key it has seen; here every line by a known key must verify.
        String peterAltered = PETER_SIG.substring(0, 60) + "ABCD" + PETER_SIG.substring(60);
        var e = assertRejected(Reason.BAD_SIGNATURE, () -> SignedNote.open(TEXT + "\n" + PETER_SIG + peterAltered, KNOWN), "altered second signature");
        assertTrue(e.getMessage().contains("PeterNeumann+c74f20a3"), e.getMessage());
        assertRejected(Reason.BAD_SIGNATURE, () -> SignedNote.open(TEXT + "\n" + peterAltered, KNOWN), "68-byte signature");
        assertRejected(Reason.BAD_SIGNATURE, () -> SignedNote.open(TEXT + "\n" + "— PeterNeumann x08go/ZJ\n", KNOWN), "2-byte signature");
    }

    @Test
    void aSignatureClaimingAKnownKeyButMadeByAnotherIsBad() {
        SigningKey impostor = SigningKey.generate();
        var forged = new SignedNote.Signature("PeterNeumann", 0xc74f20a3, impostor.sign(TEXT.getBytes(StandardCharsets.UTF_8)));
        SignedNote note = new SignedNote(TEXT, List.of(forged));
        assertRejected(Reason.BAD_SIGNATURE, () -> note.verify(KNOWN), "impostor under Peter's name and ID");
        // Under Peter's name but its own (derived) ID it is merely unknown.
        SignedNote own = SignedNote.sign(TEXT, new NoteSigner("PeterNeumann", impostor));
        assertRejected(Reason.UNKNOWN_KEY, () -> own.verify(KNOWN), "another key named PeterNeumann");
        assertRejected(Reason.UNKNOWN_KEY, () -> SignedNote.open(SIGNED, List.of(new NoteVerifier("PeterNeumann", impostor.publicKey()))), "wrong verifier");
    }

    @Test
    void flippingAnyBitOfASignedNoteIsRejected() {
        byte[] note = SIGNED.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < note.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = flip(note, i, bit);
                int at = i;
                int b = bit;
                assertRejected(() -> SignedNote.parse(flipped).verify(KNOWN), () -> "byte " + at + " bit " + b);
            }
        }
    }

    /** With two signers, a flip in one line leaves the other valid: the note opens only if the flipped line became an unknown key. */
    @Test
    void flippingAnyBitOfACosignedNoteRejectsItOrDropsThatSignature() {
        String cosigned = TEXT + "\n" + PETER_SIG + ENOCH_SIG;
        byte[] note = cosigned.getBytes(StandardCharsets.UTF_8);
        int peterLine = (TEXT + "\n").getBytes(StandardCharsets.UTF_8).length;
        int enochLine = peterLine + PETER_SIG.getBytes(StandardCharsets.UTF_8).length;
        for (int i = 0; i < note.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] flipped = flip(note, i, bit);
                String what = "byte " + i + " bit " + bit;
                if (i < peterLine || i == enochLine - 1 || i == note.length - 1) {
                    assertRejected(() -> SignedNote.parse(flipped).verify(List.of(PETER_V, ENOCH_V)), () -> what + " of the text or a newline");
                    continue;
                }
                String survivor = i < enochLine ? "EnochRoot+af0cfe78" : "PeterNeumann+c74f20a3";
                try {
                    VerifiedNote opened = SignedNote.parse(flipped).verify(List.of(PETER_V, ENOCH_V));
                    assertEquals(List.of(survivor), opened.verified().stream().map(SignedNote.Signature::key).toList(), what);
                    assertEquals(1, opened.unverified().size(), what);
                } catch (NoteException rejected) {
                    assertTrue(rejected.getMessage() != null, what);
                }
            }
        }
    }

    private static byte[] flip(byte[] bytes, int index, int bit) {
        byte[] out = bytes.clone();
        out[index] ^= (byte) (1 << bit);
        return out;
    }

    @Test
    void everyTruncationIsRejected() {
        for (int end = 0; end < SIGNED.length(); end++) {
            String cut = SIGNED.substring(0, end);
            assertRejected(() -> SignedNote.open(cut, KNOWN), () -> "the first " + cut.length() + " chars");
        }
    }

    @Test
    void extraBlankLinesAreRejected() {
        assertRejected(Reason.BAD_SIGNATURE, () -> SignedNote.open(TEXT + "\n\n" + PETER_SIG, KNOWN), "blank line added to the text");
        assertRejected(Reason.BAD_SIGNATURE, () -> SignedNote.open("\n" + SIGNED, KNOWN), "blank line before the text");
        assertRejected(Reason.MALFORMED, () -> SignedNote.open(SIGNED + "\n", KNOWN), "blank line after the signatures");
        // A blank line between signatures makes the first one part of the text.
        assertRejected(Reason.UNKNOWN_KEY, () -> SignedNote.open(TEXT + "\n" + PETER_SIG + "\n" + ENOCH_SIG, KNOWN), "blank line between signatures");
        assertRejected(Reason.BAD_SIGNATURE, () -> SignedNote.open(TEXT + "\n" + PETER_SIG + "\n" + PETER_SIG, KNOWN), "blank line between signatures");
    }

    /** The malformed messages of note_test.go, and more. */
    @ParameterizedTest
    @ValueSource(strings = {
        TEXT, // no signatures
        TEXT + "\n", // no signature lines
        TEXT + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=", // no final newline
        "\u0001" + SIGNED, // control character
        TEXT + "\r\n" + PETER_SIG, // CR is a control character
        TEXT + "\n" + "— Bad Name x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n",
        SIGNED + "Unexpected line.\n",
        TEXT + "\n" + "-- PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", // not an em dash
        TEXT + "\n" + "—PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", // no space after the dash
        TEXT + "\n" + "— PeterNeumann\n", // no signature
        TEXT + "\n" + "— PeterNeumann \n", // empty signature
        TEXT + "\n" + "— PeterNeumann  x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", // two spaces
        TEXT + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM= \n", // trailing space
        TEXT + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM\n", // padding missing
        TEXT + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAN=\n", // stray low bits
        TEXT + "\n" + "— PeterNeumann x08go_ZJkuBS9UG_SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", // URL-safe alphabet
        TEXT + "\n" + "— PeterNeumann x08gow==\n", // the key ID alone: five bytes is the least
        TEXT + "\n" + "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\nx08=\n",
        "— PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n", // no text
        "If you think cryptography is the answer to your problem,\n\tthen you don't know what your problem is.\n\n" + PETER_SIG, // tab
    })
    void malformedNotesAreRejected(String note) {
        assertRejected(Reason.MALFORMED, () -> SignedNote.open(note, KNOWN), note);
    }

    @Test
    void invalidUtf8IsRejectedWithItsOffset() {
        byte[] note = ("x" + SIGNED).getBytes(StandardCharsets.UTF_8);
        note[0] = (byte) 0xff;
        var e = assertRejected(Reason.MALFORMED, () -> SignedNote.parse(note), "0xff");
        assertTrue(e.getMessage().contains("byte 0"), e.getMessage());
        byte[] overlong = ("xx" + SIGNED).getBytes(StandardCharsets.UTF_8);
        overlong[0] = (byte) 0xc0; // overlong encoding of '/'
        overlong[1] = (byte) 0xaf;
        assertRejected(Reason.MALFORMED, () -> SignedNote.parse(overlong), "overlong UTF-8");
        assertRejected(Reason.MALFORMED, () -> SignedNote.parse("\ud800" + SIGNED), "unpaired surrogate");
    }

    @Test
    void atMostOneHundredSignatureLines() {
        assertEquals(1, SignedNote.open(TEXT + "\n" + PETER_SIG.repeat(100), KNOWN).verified().size());
        var e = assertRejected(Reason.MALFORMED, () -> SignedNote.open(TEXT + "\n" + PETER_SIG.repeat(101), KNOWN), "101 signatures");
        assertTrue(e.getMessage().contains("101"), e.getMessage());
        assertRejected(Reason.MALFORMED, () -> SignedNote.open(TEXT + "\n" + ENOCH_SIG.repeat(101), List.of()), "101 unknown signatures");
    }

    @Test
    void malformedLinesAreNamedByLineNumber() {
        var e = assertRejected(Reason.MALFORMED, () -> SignedNote.parse(TEXT + "\n" + PETER_SIG + "nope\n"), "junk line");
        assertTrue(e.getMessage().contains("line 5"), e.getMessage());
        var c = assertRejected(Reason.MALFORMED, () -> SignedNote.parse("a\nb\u0007\n\n" + PETER_SIG), "bell");
        assertTrue(c.getMessage().contains("line 2") && c.getMessage().contains("U+0007"), c.getMessage());
    }

    @Test
    void signingChecksTheTextAndTheSigners() {
        for (String text : new String[] {"", "no newline", "tab\there\n", "cr\r\n", "\ud800\n"}) {
            assertRejected(Reason.MALFORMED, () -> SignedNote.sign(text, PETER), "text " + text);
        }
        assertThrows(IllegalArgumentException.class, () -> SignedNote.sign(TEXT));
        assertThrows(IllegalArgumentException.class, () -> SignedNote.sign(TEXT, PETER, PETER));
        assertRejected(Reason.MALFORMED, () -> new SignedNote(TEXT, List.of()), "no signatures");
    }

    @Test
    void textsMayHoldBlankLinesAndAnyUnicode() {
        NoteSigner log = new NoteSigner("quasimodo.example/salvatore", SigningKey.generate());
        for (String text : new String[] {"\n", "a\n\nb\n", "trailing blank\n\n", "Ognuno sta solo sul cuor della terra\ned è subito sera.\n", "😀 — \u007f\n"}) {
            SignedNote note = SignedNote.sign(text, log);
            VerifiedNote opened = SignedNote.open(note.render(), List.of(log.verifier()));
            assertEquals(text, opened.text());
            assertEquals(note, SignedNote.parse(note.render().getBytes(StandardCharsets.UTF_8)));
        }
    }

    @Test
    void severalSignersSignInOrder() {
        NoteSigner witness = new NoteSigner("witness.example/w1", SigningKey.generate());
        SignedNote note = SignedNote.sign(TEXT, PETER, witness);
        assertTrue(note.render().startsWith(SIGNED), "the first line is Peter's, unchanged");
        VerifiedNote opened = SignedNote.open(note.render(), List.of(witness.verifier(), PETER_V));
        assertEquals(List.of(PETER.keyId(), witness.keyId()), opened.verified().stream().map(SignedNote.Signature::keyId).toList());
    }
}
