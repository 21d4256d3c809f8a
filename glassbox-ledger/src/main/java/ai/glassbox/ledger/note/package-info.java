/**
 * C2SP signed notes and the log checkpoints carried in them. {@link
 * ai.glassbox.ledger.note.SignedNote} is the wire format of c2sp.org/signed-note (that of
 * golang.org/x/mod/sumdb/note): parsed strictly, signed and verified with Ed25519 keys named by
 * {@link ai.glassbox.ledger.note.NoteSigner} and {@link ai.glassbox.ledger.note.NoteVerifier},
 * whose text forms are the reference implementation's {@code PRIVATE+KEY+name+id+key} and {@code
 * name+id+key}. {@link ai.glassbox.ledger.note.SignedCheckpoint} binds a {@link
 * ai.glassbox.ledger.merkle.Checkpoint} to its log's signature (key name = origin), and {@link
 * ai.glassbox.ledger.note.CheckpointVerifier} checks with a consistency proof that a newer
 * checkpoint extends a trusted one, rejecting rollbacks and forks.
 *
 * <p>Every rejection is a {@link ai.glassbox.ledger.note.NoteException} whose {@link
 * ai.glassbox.ledger.note.NoteException.Reason} names the failed check; malformed key strings are
 * {@link ai.glassbox.ledger.signing.KeyException}s.
 */
package ai.glassbox.ledger.note;
