/**
 * Signed, content-addressed attestations of runs, appended to an append-only Merkle transparency
 * log (RFC 9162): {@code attestation} (in-toto statements, canonical JSON), {@code signing}
 * (Ed25519, DSSE envelopes), {@code merkle} (tree hashes, inclusion and consistency proofs),
 * {@code note} (C2SP signed notes and signed checkpoints), {@code log} (the log stored through JDBC,
 * SQLite or PostgreSQL), {@code claims} (published benchmark claims and whether Glassbox's
 * measurements bear them out).
 */
package ai.glassbox.ledger;
