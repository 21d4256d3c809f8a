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
import java.util.Objects;

/**
 * The leaves of a tree of a fixed size, read from the log's tables over one connection. Every
 * perfect subtree's root is stored, so {@link #subtree} is one indexed read and a proof costs
 * O(log n) reads. Entries are never rewritten, so reads need no transaction as long as {@code
 * size} is at most a committed head. Not thread-safe; closes its statements, not the connection.
 */
final class JdbcLeafSource implements LeafSource, AutoCloseable {
    private final long size;
    private final PreparedStatement leafQuery;
    private final PreparedStatement nodeQuery;

    JdbcLeafSource(Connection connection, long size) throws SQLException {
        this.size = size;
        this.leafQuery = connection.prepareStatement("SELECT leaf_hash FROM log_entries WHERE idx = ?");
        this.nodeQuery = connection.prepareStatement("SELECT hash FROM log_nodes WHERE level = ? AND idx = ?");
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

    @Override
    public long size() {
        return size;
    }

    @Override
    public Hash leaf(long index) {
        Objects.checkIndex(index, size);
        try {
            leafQuery.setLong(1, index);
            return single(leafQuery, "leaf " + index);
        } catch (SQLException e) {
            throw new LedgerException("cannot read leaf " + index + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Hash subtree(long start, long end) {
        long width = end - start;
        if (Long.bitCount(width) != 1 || start < 0 || start % width != 0 || end > size) {
            throw new IllegalArgumentException("[" + start + ", " + end + ") is not a perfect subtree of " + size + " leaves");
        }
        if (width == 1) return leaf(start);
        int level = Long.numberOfTrailingZeros(width);
        try {
            nodeQuery.setInt(1, level);
            nodeQuery.setLong(2, start >>> level);
            return single(nodeQuery, "node " + level + "/" + (start >>> level));
        } catch (SQLException e) {
            throw new LedgerException("cannot read the subtree [" + start + ", " + end + "): " + e.getMessage(), e);
        }
    }

    private static Hash single(PreparedStatement query, String what) throws SQLException {
        try (ResultSet rs = query.executeQuery()) {
            if (!rs.next()) throw new LedgerException("the log has no " + what + ": the database is damaged or was edited");
            byte[] bytes = rs.getBytes(1);
            if (bytes == null || bytes.length != Hash.LENGTH) throw new LedgerException("the log's " + what + " is not a 32-byte hash: the database is damaged or was edited");
            return new Hash(bytes);
        }
    }

    @Override
    public void close() throws SQLException {
        try (leafQuery; nodeQuery) {
            // closes both
        }
    }
}
