package ai.glassbox.ledger.log;

import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.LeafSource;
import ai.glassbox.ledger.merkle.MerkleHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
