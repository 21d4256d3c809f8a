package ai.glassbox.ledger.note;

import ai.glassbox.ledger.merkle.Checkpoint;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.ProofException;
import ai.glassbox.ledger.note.NoteException.Reason;
import java.util.Objects;

/**
 * A client's view of one log, known by its key: it opens the log's checkpoints and checks that each
 * newer one extends the last it trusted, so that the log can neither roll back nor show it a
 * different tree. Immutable and thread-safe.
 *
 * @param log the log's verifier; its name is the log's origin
 */
public record CheckpointVerifier(NoteVerifier log) {
    public CheckpointVerifier {
        Objects.requireNonNull(log, "log");
    }

    /**
     * Opens a checkpoint signed by this log; see {@link SignedCheckpoint#open}.
     *
     * @throws NoteException saying why it is rejected
     */
    public SignedCheckpoint open(String signedCheckpoint) {
        return SignedCheckpoint.open(signedCheckpoint, log);
    }

    /**
     * Checks that {@code newer} extends {@code trusted}: both verify under this log's key, {@code
     * newer} is no smaller, and {@code proof} shows the trusted tree to be a prefix of the newer
     * one (RFC 9162 §2.1.4.2). Equal sizes need equal roots and an empty proof.
     *
     * @return {@code newer}, which the caller may now trust in place of {@code trusted}
     * @throws NoteException {@link Reason#ROLLBACK} if {@code newer} is smaller, {@link Reason#FORK}
     *     if the sizes match and the roots do not, {@link Reason#INCONSISTENT} if the proof is for
     *     other sizes or does not verify, or a note or origin reason if a signature fails
     */
    public SignedCheckpoint verifyConsistency(SignedCheckpoint trusted, SignedCheckpoint newer, ConsistencyProof proof) {
        trusted.verify(log);
        newer.verify(log);
        Checkpoint older = trusted.checkpoint();
        Checkpoint current = newer.checkpoint();
        String sizes = "log " + log.name() + " from size " + older.size() + " to " + current.size();
        if (current.size() < older.size()) {
            throw new NoteException(Reason.ROLLBACK, sizes + ": the newer checkpoint is smaller than the trusted one");
        }
        if (current.size() == older.size() && !current.root().equals(older.root())) {
            throw new NoteException(Reason.FORK, sizes + ": two roots for one size, " + older.root() + " and " + current.root());
        }
        if (proof.size1() != older.size() || proof.size2() != current.size()) {
            throw new NoteException(Reason.INCONSISTENT, sizes + ": the consistency proof is from size " + proof.size1() + " to " + proof.size2());
        }
        try {
            ConsistencyProof.verify(older.size(), current.size(), older.root(), current.root(), proof.path());
        } catch (ProofException e) {
            // A proof failing between two signed heads is a split view or a bad proof; the client cannot tell which.
            throw new NoteException(Reason.INCONSISTENT, sizes + ": the consistency proof fails (" + e.reason() + "): " + e.getMessage(), e);
        }
        return newer;
    }
}
