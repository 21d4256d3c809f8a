package ai.glassbox.ledger.log;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.merkle.Checkpoint;
import ai.glassbox.ledger.merkle.CompactRange;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.NoteVerifier;
import ai.glassbox.ledger.note.SignedCheckpoint;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * An append-only RFC 9162 Merkle tree log stored in a ledger {@link Database}: entries, the roots
 * of all their perfect subtrees, and a signed C2SP checkpoint for every size the log has had.
 *
 * <p>One append is one transaction: it locks the head, writes the entries, the subtree roots they
 * complete, the new head and its signed checkpoint, and commits. A crash at any point leaves the
 * log as it was before the append or after it, never between, so an append that returned is never
 * lost and every stored checkpoint matches the entries. Several processes (or several instances)
 * may append to one database at once; the head's lock puts them in order.
 *
 * <p>An instance holds one connection, opened on first use and reopened if it breaks, and runs one
 * operation at a time on it: thread-safe, and cheap per operation on PostgreSQL, where a
 * connection costs a server process.
 */
public final class TransparencyLog implements AutoCloseable {
    // Digests looked up per query when an append checks for duplicates; well under the bound
    // parameter limits of SQLite (32,766) and PostgreSQL (65,535).
    private static final int LOOKUP_CHUNK = 500;
    private final Database db;
    private Connection connection;

    public TransparencyLog(Database db) {
        this.db = Objects.requireNonNull(db, "db");
    }

    /** Closes the connection, if one is open; a later call opens a new one. */
    @Override
    public synchronized void close() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // nothing is pending: every operation commits or rolls back before it returns
        } finally {
            connection = null;
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) connection = db.connect();
        return connection;
    }

    /** An entry to append: its bytes and what they are (for example {@code eval-run}). */
    public record NewEntry(String kind, byte[] bytes) {
        public NewEntry {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(bytes, "bytes");
            if (kind.isBlank()) throw new IllegalArgumentException("entry kind is blank");
        }
    }

    /** A stored entry. */
    public record Entry(long index, String kind, byte[] bytes, Hash leafHash, Instant appendedAt) {}

    /** The log's identity and size. */
    public record Head(String origin, NoteVerifier verifier, long size) {}

    /**
     * What an append committed: the index of its first entry and the signed checkpoint of the tree
     * that now holds them.
     */
    public record Appended(long firstIndex, int count, Checkpoint checkpoint, String signedCheckpoint) {}

    /** Appends one entry; see {@link #append(NoteSigner, List)}. */
    public Appended append(NoteSigner signer, String kind, byte[] entry) {
        return append(signer, List.of(new NewEntry(kind, entry)));
    }

    /**
     * Appends {@code entries} in order, signing the new checkpoint with {@code signer}, whose name
     * is the log's origin. The first append sets the log's identity: later ones must use the same
     * key.
     *
     * @throws DuplicateEntryException if an entry is already in the log (nothing is appended)
     * @throws LedgerException if {@code signer} is not this log's key, or the database fails
     */
    public Appended append(NoteSigner signer, List<NewEntry> entries) {
        return append(signer, entries, (c, firstIndex) -> {});
    }

    /** Writes rows that belong to appended entries, in the append's own transaction. */
    @FunctionalInterface
    public interface InSameTransaction {
        void write(Connection c, long firstIndex) throws SQLException;
    }

    /**
     * Appends {@code entries} as {@link #append(NoteSigner, List)} does, and runs {@code also} in
     * the same transaction, so rows indexing the entries commit with them or not at all.
     */
    public Appended append(NoteSigner signer, List<NewEntry> entries, InSameTransaction also) {
        Objects.requireNonNull(signer, "signer");
        if (entries.isEmpty()) throw new IllegalArgumentException("nothing to append");
        return inTransaction(c -> {
            Appended appended = appendLocked(c, signer, entries);
            also.write(c, appended.firstIndex());
            return appended;
        });
    }

    /** Runs a read on this log's connection (for indexes stored beside the log). */
    public <T> T query(Query<T> query) {
        return read(query::run);
    }

    /** A read of the ledger's tables. */
    @FunctionalInterface
    public interface Query<T> {
        T run(Connection c) throws SQLException;
    }

    /** Runs a write in its own transaction on this log's connection (for tables beside the log). */
    public <T> T update(Query<T> update) {
        return inTransaction(update::run);
    }

    private Appended appendLocked(Connection c, NoteSigner signer, List<NewEntry> entries) throws SQLException {
        String vkey = signer.verifier().vkey();
        Instant now = Instant.now();
        // The first append creates the head; racing first appends queue on its key, one creates it.
        try (PreparedStatement init = c.prepareStatement("INSERT INTO log_head (id, origin, verifier_key, size, created_at) VALUES (1, ?, ?, 0, ?) ON CONFLICT (id) DO NOTHING")) {
            init.setString(1, signer.name());
            init.setString(2, vkey);
            init.setString(3, now.toString());
            init.executeUpdate();
        }
        long size;
        try (PreparedStatement lock = c.prepareStatement(db.dialect().lockHead); ResultSet rs = lock.executeQuery()) {
            if (!rs.next()) throw new LedgerException("the log's head row is missing after creating it");
            if (!rs.getString("verifier_key").equals(vkey)) {
                throw new LedgerException("log " + rs.getString("origin") + " is signed by " + rs.getString("verifier_key") + ", not by " + vkey);
            }
            size = rs.getLong("size");
        }
        List<byte[]> digests = digests(entries);
        Map<ByteBuffer, Long> logged = findByDigests(c, digests);
        Set<ByteBuffer> seen = new HashSet<>();
        for (byte[] digest : digests) {
            Long existing = logged.get(ByteBuffer.wrap(digest));
            if (existing != null) throw new DuplicateEntryException(existing);
            if (!seen.add(ByteBuffer.wrap(digest))) throw new LedgerException("the same entry appears twice in one append");
        }
        CompactRange range = StoredTree.compactRange(c, size);
        String appendedAt = now.toString();
        try (PreparedStatement entry = c.prepareStatement("INSERT INTO log_entries (idx, leaf_hash, entry_sha256, kind, entry, appended_at) VALUES (?, ?, ?, ?, ?, ?)");
             PreparedStatement node = c.prepareStatement("INSERT INTO log_nodes (level, idx, hash) VALUES (?, ?, ?)")) {
            for (int i = 0; i < entries.size(); i++) {
                long index = size + i;
                Hash leaf = MerkleHash.leaf(entries.get(i).bytes());
                entry.setLong(1, index);
                entry.setBytes(2, leaf.bytes());
                entry.setBytes(3, digests.get(i));
                entry.setString(4, entries.get(i).kind());
                entry.setBytes(5, entries.get(i).bytes());
                entry.setString(6, appendedAt);
                entry.addBatch();
                List<Hash> completed = range.append(leaf);
                for (int h = 1; h <= completed.size(); h++) {
                    node.setInt(1, h);
                    node.setLong(2, index >>> h);
                    node.setBytes(3, completed.get(h - 1).bytes());
                    node.addBatch();
                }
            }
            entry.executeBatch();
            node.executeBatch();
        }
        long newSize = size + entries.size();
        Checkpoint checkpoint = new Checkpoint(signer.name(), newSize, range.root());
        String note = SignedCheckpoint.sign(checkpoint, signer).render();
        try (PreparedStatement head = c.prepareStatement("UPDATE log_head SET size = ? WHERE id = 1");
             PreparedStatement cp = c.prepareStatement("INSERT INTO log_checkpoints (size, root, signed_note, created_at) VALUES (?, ?, ?, ?)")) {
            head.setLong(1, newSize);
            head.executeUpdate();
            cp.setLong(1, newSize);
            cp.setBytes(2, checkpoint.root().bytes());
            cp.setString(3, note);
            cp.setString(4, now.toString());
            cp.executeUpdate();
        }
        return new Appended(size, entries.size(), checkpoint, note);
    }

    /** The log's identity and committed size, or empty before its first append. */
    public Optional<Head> head() {
        return read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT origin, verifier_key, size FROM log_head WHERE id = 1"); ResultSet rs = q.executeQuery()) {
                if (!rs.next()) return Optional.empty();
                return Optional.of(new Head(rs.getString(1), NoteVerifier.parse(rs.getString(2)), rs.getLong(3)));
            }
        });
    }

    /** The committed number of entries (0 before the first append). */
    public long size() {
        return head().map(Head::size).orElse(0L);
    }

    /** @throws LedgerException if there is no entry at {@code index} */
    public Entry entry(long index) {
        return read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT kind, entry, leaf_hash, appended_at FROM log_entries WHERE idx = ?")) {
                q.setLong(1, index);
                try (ResultSet rs = q.executeQuery()) {
                    if (!rs.next()) throw new LedgerException("the log has no entry " + index + " (its size is " + size() + ")");
                    return new Entry(index, rs.getString(1), rs.getBytes(2), new Hash(rs.getBytes(3)), Instant.parse(rs.getString(4)));
                }
            }
        });
    }

    /** The index of the entry with exactly these bytes, if the log holds it. */
    public OptionalLong find(byte[] entry) {
        byte[] digest = Sha256.of(entry);
        return read(c -> findByDigest(c, digest));
    }

    /** The signed checkpoint (note text) of the latest size, or empty before the first append. */
    public Optional<String> latestCheckpoint() {
        return read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT signed_note FROM log_checkpoints WHERE size = (SELECT size FROM log_head WHERE id = 1)");
                 ResultSet rs = q.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        });
    }

    /** The signed checkpoint the log issued at {@code size}, if it had that size after an append. */
    public Optional<String> checkpoint(long size) {
        return read(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT signed_note FROM log_checkpoints WHERE size = ?")) {
                q.setLong(1, size);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    /** Every size the log has signed a checkpoint at, ascending. */
    public List<Long> checkpointSizes() {
        return read(c -> {
            List<Long> sizes = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT size FROM log_checkpoints ORDER BY size"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) sizes.add(rs.getLong(1));
            }
            return sizes;
        });
    }

    /**
     * The inclusion proof of entry {@code index} in the tree of {@code treeSize} entries.
     *
     * @throws IllegalArgumentException if not {@code 0 <= index < treeSize <= size()}
     */
    public InclusionProof inclusionProof(long index, long treeSize) {
        return withLeaves(treeSize, leaves -> InclusionProof.generate(leaves, index, treeSize));
    }

    /** The consistency proof between the trees of {@code size1} and {@code size2} entries. */
    public ConsistencyProof consistencyProof(long size1, long size2) {
        return withLeaves(size2, leaves -> ConsistencyProof.generate(leaves, size1, size2));
    }

    /** MTH of the first {@code treeSize} entries, from O(log n) stored subtree roots. */
    public Hash root(long treeSize) {
        return withLeaves(treeSize, leaves -> leaves.mth(0, treeSize));
    }

    /** What {@link #audit} checked. */
    public record Audit(long entries, int checkpoints) {}

    /**
     * Re-derives the whole log from its entries and checks the stored state against it: every leaf
     * hash and entry digest, every stored subtree root, every checkpoint's signature by the log's
     * key and its root, and that the head is the latest checkpoint. Reads every entry once.
     *
     * @throws LedgerException naming the first thing that does not match
     */
    public Audit audit() {
        Optional<Head> head = head();
        if (head.isEmpty()) return new Audit(0, 0);
        long size = head.get().size();
        NoteVerifier verifier = head.get().verifier();
        return read(c -> {
            java.util.Map<Long, Hash> roots = new java.util.HashMap<>();
            java.util.Set<Long> sizes = new java.util.HashSet<>(checkpointSizes());
            if (!sizes.contains(size)) throw new LedgerException("the log's head is at size " + size + " but it has no checkpoint at that size");
            CompactRange range = new CompactRange();
            if (sizes.contains(0L)) roots.put(0L, range.root());
            try (PreparedStatement q = c.prepareStatement("SELECT idx, leaf_hash, entry_sha256, entry FROM log_entries ORDER BY idx");
                 PreparedStatement node = c.prepareStatement("SELECT hash FROM log_nodes WHERE level = ? AND idx = ?");
                 ResultSet rs = q.executeQuery()) {
                long expected = 0;
                while (rs.next()) {
                    long index = rs.getLong(1);
                    if (index != expected) throw new LedgerException("the log has entry " + index + " where entry " + expected + " should be");
                    byte[] entry = rs.getBytes(4);
                    Hash leaf = MerkleHash.leaf(entry);
                    if (!leaf.equals(new Hash(rs.getBytes(2)))) throw new LedgerException("entry " + index + " does not match its stored leaf hash: the entry was altered");
                    if (!MessageDigest.isEqual(Sha256.of(entry), rs.getBytes(3))) throw new LedgerException("entry " + index + " does not match its stored SHA-256");
                    List<Hash> completed = range.append(leaf);
                    for (int h = 1; h <= completed.size(); h++) {
                        node.setInt(1, h);
                        node.setLong(2, index >>> h);
                        try (ResultSet n = node.executeQuery()) {
                            if (!n.next() || !completed.get(h - 1).equals(new Hash(n.getBytes(1)))) {
                                throw new LedgerException("the stored subtree root " + h + "/" + (index >>> h) + " does not match entries [" + ((index >>> h) << h) + ", " + (index + 1) + ")");
                            }
                        }
                    }
                    expected++;
                    if (sizes.contains(expected)) roots.put(expected, range.root());
                }
                if (expected < size) throw new LedgerException("the log's head is at size " + size + " but it holds only " + expected + " entries");
            }
            try (PreparedStatement q = c.prepareStatement("SELECT size, root, signed_note FROM log_checkpoints ORDER BY size"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long at = rs.getLong(1);
                    Hash want = roots.get(at);
                    if (want == null) throw new LedgerException("checkpoint at size " + at + " is beyond the log's " + size + " entries");
                    SignedCheckpoint cp;
                    try {
                        cp = SignedCheckpoint.open(rs.getString(3), verifier);
                    } catch (RuntimeException e) {
                        throw new LedgerException("checkpoint at size " + at + " does not verify: " + e.getMessage(), e);
                    }
                    if (cp.checkpoint().size() != at || !cp.checkpoint().root().equals(want) || !want.equals(new Hash(rs.getBytes(2)))) {
                        throw new LedgerException("checkpoint at size " + at + " does not match the entries: signed root " + cp.checkpoint().root() + ", entries give " + want);
                    }
                }
            }
            return new Audit(size, roots.size());
        });
    }

    private <T> T withLeaves(long treeSize, Function<ai.glassbox.ledger.merkle.LeafSource, T> use) {
        long committed = size();
        if (treeSize < 0 || treeSize > committed) throw new IllegalArgumentException("tree size " + treeSize + " is not in [0, " + committed + "]");
        return read(c -> StoredTree.prefetched(c, treeSize, use));
    }

    private static OptionalLong findByDigest(Connection c, byte[] digest) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT idx FROM log_entries WHERE entry_sha256 = ?")) {
            q.setBytes(1, digest);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    /**
     * The indices of those of {@code digests} the log already holds, keyed by digest: one query per
     * {@value #LOOKUP_CHUNK} entries, not one per entry, so a large append stays one pass over the
     * index.
     */
    private static Map<ByteBuffer, Long> findByDigests(Connection c, List<byte[]> digests) throws SQLException {
        Map<ByteBuffer, Long> found = new HashMap<>();
        for (int from = 0; from < digests.size(); from += LOOKUP_CHUNK) {
            int n = Math.min(LOOKUP_CHUNK, digests.size() - from);
            try (PreparedStatement q = c.prepareStatement("SELECT idx, entry_sha256 FROM log_entries WHERE entry_sha256 IN (" + "?, ".repeat(n - 1) + "?)")) {
                for (int i = 0; i < n; i++) q.setBytes(i + 1, digests.get(from + i));
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) found.put(ByteBuffer.wrap(rs.getBytes(2)), rs.getLong(1));
                }
            }
        }
        return found;
    }

    private static List<byte[]> digests(List<NewEntry> entries) {
        MessageDigest sha256 = Sha256.digest();
        List<byte[]> digests = new ArrayList<>(entries.size());
        for (NewEntry e : entries) digests.add(sha256.digest(e.bytes()));
        return digests;
    }

    @FunctionalInterface
    private interface Work<T> {
        T run(Connection c) throws SQLException;
    }

    private synchronized <T> T read(Work<T> work) {
        try {
            return work.run(connection());
        } catch (SQLException e) {
            close();
            throw new LedgerException("cannot read ledger " + db.displayUrl() + ": " + e.getMessage(), e);
        }
    }

    private synchronized <T> T inTransaction(Work<T> work) {
        try {
            Connection c = connection();
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            close();
            throw new LedgerException("cannot append to ledger " + db.displayUrl() + ": " + e.getMessage(), e);
        }
    }
}
