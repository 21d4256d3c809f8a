/**
 * The verification core of an RFC 9162 (Certificate Transparency v2) Merkle tree log, independent of
 * storage: SHA-256 leaf and node hashing ({@link ai.glassbox.ledger.merkle.MerkleHash}), the Merkle
 * Tree Hash over a list and incrementally ({@link ai.glassbox.ledger.merkle.CompactRange}),
 * inclusion and consistency proofs generated from any {@link ai.glassbox.ledger.merkle.LeafSource}
 * and verified by pure functions, and C2SP checkpoint bodies ({@link
 * ai.glassbox.ledger.merkle.Checkpoint}). Signing a checkpoint is the {@code note} package's concern.
 *
 * <p>Proof generation costs O(log n) reads of stored subtree hashes (consistency proofs at most
 * O(log² n)), never a pass over the leaves, when the source implements {@link
 * ai.glassbox.ledger.merkle.LeafSource#subtree} from stored node hashes, as {@link
 * ai.glassbox.ledger.merkle.InMemoryLeafSource} does; this is what a benchmark of proofs over a
 * million entries will measure.
 */
package ai.glassbox.ledger.merkle;
