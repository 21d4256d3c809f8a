package ai.glassbox.ledger.log;

import ai.glassbox.ledger.merkle.CompactRange;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.LeafSource;
import ai.glassbox.ledger.merkle.MerkleHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Objects;

/**
 * Reads of the log's stored hashes: every perfect subtree's root is stored, so a proof needs
 * O(log n) hashes, fetched here in one query. Entries are never rewritten, so reads need no
 * transaction as long as the tree size is at most a committed head.
 */
final class StoredTree {
    private StoredTree() {}

    /**
     * Runs {@code use} (a proof or root computation) with every hash it reads fetched in one query:
     * a first pass over placeholder hashes records which leaves and subtrees it asks for (which
     * ones a proof needs depends on the indices only, never on hash values), the second runs on
     * the fetched hashes. On PostgreSQL that is one round trip instead of about 20.
     */
    static <T> T prefetched(Connection c, long size, java.util.function.Function<LeafSource, T> use) throws SQLException {
        Set<Long> leaves = new java.util.TreeSet<>();
        Set<List<Long>> nodes = new java.util.LinkedHashSet<>();
        Hash placeholder = new Hash(new byte[Hash.LENGTH]);
        use.apply(new Recorder(size, leaves, nodes, placeholder));
        Map<List<Long>, Hash> fetched = new HashMap<>();
        List<String> parts = new ArrayList<>();
        if (!leaves.isEmpty()) parts.add("SELECT 0 AS level, idx, leaf_hash AS hash FROM log_entries WHERE idx IN (" + String.join(", ", java.util.Collections.nCopies(leaves.size(), "?")) + ")");
        if (!nodes.isEmpty()) parts.add("SELECT level, idx, hash FROM log_nodes WHERE " + String.join(" OR ", java.util.Collections.nCopies(nodes.size(), "(level = ? AND idx = ?)")));
        if (!parts.isEmpty()) {
            try (PreparedStatement q = c.prepareStatement(String.join(" UNION ALL ", parts))) {
                int p = 1;
                for (long i : leaves) q.setLong(p++, i);
                for (List<Long> n : nodes) {
                    q.setInt(p++, n.get(0).intValue());
                    q.setLong(p++, n.get(1));
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        byte[] bytes = rs.getBytes(3);
                        String what = "node " + rs.getInt(1) + "/" + rs.getLong(2);
                        if (bytes == null || bytes.length != Hash.LENGTH) throw new LedgerException("the log's " + what + " is not a 32-byte hash: the database is damaged or was edited");
                        fetched.put(List.of((long) rs.getInt(1), rs.getLong(2)), new Hash(bytes));
                    }
                }
            }
        }
        return use.apply(new Fetched(size, fetched));
    }

    /** Answers every read with a placeholder and remembers what was read. */
    private record Recorder(long size, Set<Long> leaves, Set<List<Long>> nodes, Hash placeholder) implements LeafSource {
        @Override
        public Hash leaf(long index) {
            java.util.Objects.checkIndex(index, size);
            leaves.add(index);
            return placeholder;
        }

        @Override
        public Hash subtree(long start, long end) {
            long width = end - start;
            if (Long.bitCount(width) != 1 || start < 0 || start % width != 0 || end > size) {
                throw new IllegalArgumentException("[" + start + ", " + end + ") is not a perfect subtree of " + size + " leaves");
            }
            if (width == 1) return leaf(start);
            int level = Long.numberOfTrailingZeros(width);
            nodes.add(List.of((long) level, start >>> level));
            return placeholder;
        }
    }

    /** Answers from the hashes fetched for the reads a {@link Recorder} saw. */
    private record Fetched(long size, Map<List<Long>, Hash> hashes) implements LeafSource {
        @Override
        public Hash leaf(long index) {
            return get(0, index);
        }

        @Override
        public Hash subtree(long start, long end) {
            long width = end - start;
            int level = Long.numberOfTrailingZeros(width);
            return width == 1 ? leaf(start) : get(level, start >>> level);
        }

        private Hash get(int level, long index) {
            Hash h = hashes.get(List.of((long) level, index));
            if (h == null) throw new LedgerException("the log has no " + (level == 0 ? "leaf " + index : "node " + level + "/" + index) + ": the database is damaged or was edited");
            return h;
        }
    }

    /**
     * The compact range of the tree of {@code size} entries: the root of one perfect subtree per set
     * bit of the size, largest first, all read in one query (on PostgreSQL a round trip each would
     * cost more than the rest of a one-entry append).
     */
    static CompactRange compactRange(Connection c, long size) throws SQLException {
        if (size == 0) return new CompactRange();
        // Subtree at level h covers [start, start + 2^h); level 0 (an odd size's last leaf) is an entry.
        List<String> nodes = new ArrayList<>();
        List<Long> params = new ArrayList<>();
        long start = 0;
        for (int h = 63; h >= 1; h--) {
            if ((size >>> h & 1) == 0) continue;
            nodes.add("(level = ? AND idx = ?)");
            params.add((long) h);
            params.add(start >>> h);
            start += 1L << h;
        }
        List<String> parts = new ArrayList<>();
        if ((size & 1) == 1) parts.add("SELECT 0 AS level, leaf_hash AS hash FROM log_entries WHERE idx = ?");
        if (!nodes.isEmpty()) parts.add("SELECT level, hash FROM log_nodes WHERE " + String.join(" OR ", nodes));
        Map<Integer, byte[]> byLevel = new HashMap<>();
        try (PreparedStatement q = c.prepareStatement(String.join(" UNION ALL ", parts))) {
            int p = 1;
            if ((size & 1) == 1) q.setLong(p++, size - 1);
            for (long v : params) q.setLong(p++, v);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) byLevel.put(rs.getInt(1), rs.getBytes(2));
            }
        }
        List<Hash> roots = new ArrayList<>();
        start = 0;
        for (int h = 63; h >= 0; h--) {
            if ((size >>> h & 1) == 0) continue;
            String what = h == 0 ? "leaf " + start : "node " + h + "/" + (start >>> h);
            byte[] bytes = byLevel.get(h);
            if (bytes == null) throw new LedgerException("the log has no " + what + ": the database is damaged or was edited");
            if (bytes.length != Hash.LENGTH) throw new LedgerException("the log's " + what + " is not a 32-byte hash: the database is damaged or was edited");
            roots.add(new Hash(bytes));
            start += 1L << h;
        }
        return CompactRange.of(size, roots);
    }
}
