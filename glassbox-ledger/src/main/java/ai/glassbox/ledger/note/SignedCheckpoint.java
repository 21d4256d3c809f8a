package ai.glassbox.ledger.note;

import ai.glassbox.ledger.merkle.Checkpoint;
import ai.glassbox.ledger.merkle.CheckpointFormatException;
import ai.glassbox.ledger.note.NoteException.Reason;
import java.util.List;
import java.util.Objects;

/**
 * A C2SP tlog-checkpoint: a {@link Checkpoint} as the text of a {@link SignedNote}, signed by the
 * log under a key whose name is the checkpoint's origin (the spec's "SHOULD", required here so
 * that a log key cannot vouch for another log's tree). The note may carry further signatures, such
 * as witness cosignatures. Immutable and thread-safe.
 *
 * <p>Obtain one from {@link #sign} or {@link #open}; the constructor only checks that the two
 * parts agree, not the signatures.
 *
 * @param checkpoint the tree head
 * @param note the signed note whose text is {@code checkpoint.body()}
 */
public record SignedCheckpoint(Checkpoint checkpoint, SignedNote note) {
    /** @throws IllegalArgumentException if the note's text is not the checkpoint's body */
    public SignedCheckpoint {
        Objects.requireNonNull(checkpoint, "checkpoint");
        Objects.requireNonNull(note, "note");
        if (!note.text().equals(checkpoint.body())) throw new IllegalArgumentException("the note's text is not the body of " + checkpoint);
    }

    /**
     * Signs {@code checkpoint} with the log's key.
     *
     * @throws IllegalArgumentException if the key's name is not the checkpoint's origin
     */
    public static SignedCheckpoint sign(Checkpoint checkpoint, NoteSigner log) {
        if (!log.name().equals(checkpoint.origin())) {
            throw new IllegalArgumentException("checkpoint origin '" + checkpoint.origin() + "' is not the log key's name '" + log.name() + "'");
        }
        return new SignedCheckpoint(checkpoint, SignedNote.sign(checkpoint.body(), log));
    }

    /**
     * Parses a signed checkpoint and checks it against the log's key: the note must parse, carry a
     * valid signature by {@code log} (other keys' signatures are ignored), its text must be a
     * checkpoint body, and the checkpoint's origin must be the key's name. The text is read as a
     * checkpoint only after its signature verifies.
     *
     * @throws NoteException {@link Reason#MALFORMED}, {@link Reason#UNKNOWN_KEY} or {@link
     *     Reason#BAD_SIGNATURE} for the note, {@link Reason#NOT_A_CHECKPOINT} or {@link
     *     Reason#WRONG_ORIGIN} for its text
     */
    public static SignedCheckpoint open(String signedCheckpoint, NoteVerifier log) {
        SignedNote note = SignedNote.parse(signedCheckpoint);
        note.verify(List.of(log));
        Checkpoint checkpoint;
        try {
            checkpoint = Checkpoint.parse(note.text());
        } catch (CheckpointFormatException e) {
            throw new NoteException(Reason.NOT_A_CHECKPOINT, "the note signed by " + log.name() + " is not a checkpoint: " + e.getMessage(), e);
        }
        checkOrigin(checkpoint, log);
        return new SignedCheckpoint(checkpoint, note);
    }

    /**
     * Checks this checkpoint against the log's key, as {@link #open} does: for one held in memory or
     * read back from storage.
     *
     * @throws NoteException as {@link #open} does
     */
    public void verify(NoteVerifier log) {
        note.verify(List.of(log));
        checkOrigin(checkpoint, log);
    }

    /** The signed checkpoint as sent. */
    public String render() {
        return note.render();
    }

    private static void checkOrigin(Checkpoint checkpoint, NoteVerifier log) {
        if (!checkpoint.origin().equals(log.name())) {
            throw new NoteException(Reason.WRONG_ORIGIN, "the checkpoint signed by " + log.name() + " names origin '" + checkpoint.origin() + "'");
        }
    }
}
