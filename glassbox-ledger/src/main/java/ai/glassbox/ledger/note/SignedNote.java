package ai.glassbox.ledger.note;

import ai.glassbox.ledger.note.NoteException.Reason;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A C2SP signed note (c2sp.org/signed-note, the format of golang.org/x/mod/sumdb/note): a text,
 * a blank line, and one signature line per signature.
 *
 * <pre>
 * &lt;text, each line ended by a newline&gt;
 *
 * — &lt;key name&gt; &lt;base64(4-byte key ID || signature)&gt;
 * [— ...]
 * </pre>
 *
 * The record holds the parts and checks that they render to a note that parses back to itself; it
 * does not check signatures. {@link #verify} and {@link #open} do. Immutable and thread-safe.
 *
 * @param text the note text: valid UTF-8, ends with a newline, no ASCII control characters other
 *     than newline; it may contain blank lines
 * @param signatures one to {@value #MAX_SIGNATURES} signatures, in note order
 */
public record SignedNote(String text, List<Signature> signatures) {
    /**
     * The most signature lines a note may carry. The spec requires accepting at least 16; 100 is
     * the reference implementation's limit, which keeps a hostile note from costing unbounded work.
     */
    public static final int MAX_SIGNATURES = 100;

    private static final String SIGNATURE_PREFIX = "\u2014 "; // em dash, space

    /**
     * One signature line. Its key ID and name identify the key; for Ed25519 the signature is 64
     * bytes, but a line by an unknown key may carry any non-empty signature.
     *
     * @param keyName the signer's key name
     * @param keyId the signer's 32-bit key ID
     * @param signature the signature bytes, without the key ID
     */
    public record Signature(String keyName, int keyId, byte[] signature) {
        /** @throws NoteException ({@link Reason#MALFORMED}) if the name or signature cannot be written in a signature line */
        public Signature {
            Objects.requireNonNull(keyName, "keyName");
            NoteSyntax.keyNameProblem(keyName).ifPresent(problem -> {
                throw new NoteException(Reason.MALFORMED, problem);
            });
            if (signature.length == 0) throw new NoteException(Reason.MALFORMED, "the signature by " + keyName + " is empty");
            signature = signature.clone();
        }

        /** A copy of the signature bytes. */
        @Override
        public byte[] signature() {
            return signature.clone();
        }

        /** The key as errors and configurations name it: {@code <name>+<key ID hex>}. */
        public String key() {
            return keyName + "+" + NoteSyntax.keyIdHex(keyId);
        }

        /** The signature line, newline included. */
        public String line() {
            byte[] idAndSignature = ByteBuffer.allocate(4 + signature.length).putInt(keyId).put(signature).array();
            return SIGNATURE_PREFIX + keyName + " " + NoteSyntax.encodeBase64(idAndSignature) + "\n";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Signature s && s.keyName.equals(keyName) && s.keyId == keyId && Arrays.equals(s.signature, signature);
        }

        @Override
        public int hashCode() {
            return (keyName.hashCode() * 31 + keyId) * 31 + Arrays.hashCode(signature);
        }

        @Override
        public String toString() {
            return "Signature[" + key() + "]";
        }
    }

    /** @throws NoteException ({@link Reason#MALFORMED}) if the text or the number of signatures breaks the format */
    public SignedNote {
        checkText(text);
        signatures = List.copyOf(signatures);
        if (signatures.isEmpty()) throw new NoteException(Reason.MALFORMED, "a signed note needs at least one signature");
        if (signatures.size() > MAX_SIGNATURES) {
            throw new NoteException(Reason.MALFORMED, "the note has " + signatures.size() + " signatures, more than " + MAX_SIGNATURES);
        }
    }

    /**
     * Signs {@code text} with each signer, in order.
     *
     * @throws NoteException ({@link Reason#MALFORMED}) if {@code text} cannot be a note text
     * @throws IllegalArgumentException if there is no signer or one key signs twice
     */
    public static SignedNote sign(String text, NoteSigner... signers) {
        if (signers.length == 0) throw new IllegalArgumentException("no signer for the note");
        checkText(text);
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<Signature> out = new ArrayList<>(signers.length);
        Set<String> keys = new HashSet<>();
        for (NoteSigner signer : signers) {
            Signature s = new Signature(signer.name(), signer.keyId(), signer.sign(message));
            if (!keys.add(s.key())) throw new IllegalArgumentException("key " + s.key() + " signs the note twice");
            out.add(s);
        }
        return new SignedNote(text, out);
    }

    private static void checkText(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty() || !text.endsWith("\n")) throw new NoteException(Reason.MALFORMED, "the note text does not end with a newline");
        NoteSyntax.characterProblem(text).ifPresent(problem -> {
            throw new NoteException(Reason.MALFORMED, "note text " + problem);
        });
    }

    /** The note as sent: the text, a blank line, the signature lines. */
    public String render() {
        StringBuilder note = new StringBuilder(text).append('\n');
        signatures.forEach(s -> note.append(s.line()));
        return note.toString();
    }

    /**
     * Decodes {@code note} as strict UTF-8 and parses it; see {@link #parse(String)}.
     *
     * @throws NoteException ({@link Reason#MALFORMED}) naming the byte offset of invalid UTF-8
     */
    public static SignedNote parse(byte[] note) {
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(note);
        CharBuffer out = CharBuffer.allocate(note.length);
        CoderResult result = utf8.decode(in, out, true);
        if (result.isError()) throw new NoteException(Reason.MALFORMED, "the note is not valid UTF-8 at byte " + in.position());
        utf8.flush(out);
        return parse(out.flip().toString());
    }

    /**
     * Parses a signed note strictly, without checking signatures: the text ends at the last blank
     * line; after it come one to {@value #MAX_SIGNATURES} lines of em dash, space, a valid key name,
     * space, and canonical padded base64 of a 4-byte key ID and a non-empty signature, each ended by
     * a newline. The whole note must be valid UTF-8 with no control characters but newline.
     *
     * @throws NoteException ({@link Reason#MALFORMED}) naming the line that breaks the format
     */
    public static SignedNote parse(String note) {
        Objects.requireNonNull(note, "note");
        NoteSyntax.characterProblem(note).ifPresent(problem -> {
            throw new NoteException(Reason.MALFORMED, "note " + problem);
        });
        // The text may hold blank lines; signature lines never do, so the last one separates them.
        int split = note.lastIndexOf("\n\n");
        if (split < 0) throw new NoteException(Reason.MALFORMED, "the note has no blank line before its signatures");
        String text = note.substring(0, split + 1);
        String block = note.substring(split + 2);
        if (block.isEmpty()) throw new NoteException(Reason.MALFORMED, "the note has no signature lines after its last blank line");
        if (!block.endsWith("\n")) throw new NoteException(Reason.MALFORMED, "the note's last signature line does not end with a newline");
        String[] lines = block.substring(0, block.length() - 1).split("\n", -1);
        // The constructor checks this too; checking first spares decoding a hostile note's every line.
        if (lines.length > MAX_SIGNATURES) {
            throw new NoteException(Reason.MALFORMED, "the note has " + lines.length + " signature lines, more than " + MAX_SIGNATURES);
        }
        int firstLine = (int) text.chars().filter(c -> c == '\n').count() + 2;
        List<Signature> signatures = new ArrayList<>(lines.length);
        for (int i = 0; i < lines.length; i++) signatures.add(parseSignatureLine(lines[i], firstLine + i));
        return new SignedNote(text, signatures);
    }

    private static Signature parseSignatureLine(String line, int lineNumber) {
        String where = "note line " + lineNumber + ": ";
        if (!line.startsWith(SIGNATURE_PREFIX)) throw new NoteException(Reason.MALFORMED, where + "a signature line starts with an em dash and a space");
        String rest = line.substring(SIGNATURE_PREFIX.length());
        int space = rest.indexOf(' ');
        if (space < 0) throw new NoteException(Reason.MALFORMED, where + "no space between the key name and the signature");
        String name = rest.substring(0, space);
        byte[] idAndSignature;
        try {
            idAndSignature = NoteSyntax.decodeBase64(rest.substring(space + 1));
        } catch (IllegalArgumentException e) {
            throw new NoteException(Reason.MALFORMED, where + "the signature is not canonical padded base64");
        }
        if (idAndSignature.length < 5) throw new NoteException(Reason.MALFORMED, where + "the signature has " + idAndSignature.length + " bytes, fewer than a key ID and one byte");
        ByteBuffer bytes = ByteBuffer.wrap(idAndSignature);
        int keyId = bytes.getInt();
        try {
            return new Signature(name, keyId, Arrays.copyOfRange(idAndSignature, 4, idAndSignature.length));
        } catch (NoteException e) {
            throw new NoteException(Reason.MALFORMED, where + e.getMessage());
        }
    }

    /**
     * Parses {@code note} and verifies its signatures; see {@link #parse(String)} and {@link #verify}.
     *
     * @throws NoteException saying why the note is rejected
     */
    public static VerifiedNote open(String note, Collection<NoteVerifier> known) {
        return parse(note).verify(known);
    }

    /**
     * Verifies every signature by a known key, as the spec says: a key is known when a verifier has
     * both its name and its key ID. Signatures by unknown keys are ignored (a log's note may carry
     * witness cosignatures), but at least one must be by a known key, and every one by a known key
     * must verify. Repeated identical signature lines count once. Pure and thread-safe.
     *
     * @return the text with the verified and the ignored signatures
     * @throws NoteException {@link Reason#BAD_SIGNATURE} naming the key whose signature fails, or
     *     {@link Reason#UNKNOWN_KEY} listing the note's keys and the known ones
     * @throws IllegalArgumentException if two different verifiers share a name and key ID
     */
    public VerifiedNote verify(Collection<NoteVerifier> known) {
        Map<String, NoteVerifier> byKey = new HashMap<>();
        for (NoteVerifier v : known) {
            String key = v.name() + "+" + NoteSyntax.keyIdHex(v.keyId());
            NoteVerifier other = byKey.putIfAbsent(key, v);
            if (other != null && !other.equals(v)) throw new IllegalArgumentException("two different verifiers for key " + key);
        }
        byte[] message = text.getBytes(StandardCharsets.UTF_8);
        List<Signature> verified = new ArrayList<>();
        List<Signature> unverified = new ArrayList<>();
        for (Signature s : signatures) {
            NoteVerifier v = byKey.get(s.key());
            if (v == null) {
                if (!unverified.contains(s)) unverified.add(s);
                continue;
            }
            if (!v.verifies(message, s.signature)) {
                throw new NoteException(Reason.BAD_SIGNATURE, "the signature by known key " + s.key() + " does not verify: the note text or the signature was altered");
            }
            if (verified.stream().noneMatch(seen -> seen.key().equals(s.key()))) verified.add(s);
        }
        if (verified.isEmpty()) {
            throw new NoteException(Reason.UNKNOWN_KEY, "no signature is by a known key: the note is signed by "
                    + signatures.stream().map(Signature::key).distinct().toList() + ", the known keys are " + byKey.keySet().stream().sorted().toList());
        }
        return new VerifiedNote(text, verified, unverified);
    }
}
