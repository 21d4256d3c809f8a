package ai.glassbox.ledger.note;

import java.util.List;

/**
 * A note text whose signatures by known keys all verified: the result of {@link SignedNote#verify}.
 *
 * @param text the note text, now trusted
 * @param verified the signatures by known keys, each key once, in note order; never empty
 * @param unverified the distinct signatures by unknown keys, in note order, neither trusted nor checked
 */
public record VerifiedNote(String text, List<SignedNote.Signature> verified, List<SignedNote.Signature> unverified) {
    /** @throws IllegalArgumentException if nothing verified */
    public VerifiedNote {
        verified = List.copyOf(verified);
        unverified = List.copyOf(unverified);
        if (verified.isEmpty()) throw new IllegalArgumentException("a verified note has at least one verified signature");
    }
}
