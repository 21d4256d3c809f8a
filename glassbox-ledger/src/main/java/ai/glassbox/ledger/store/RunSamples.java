package ai.glassbox.ledger.store;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.Statement;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code run_samples} table: a logged run's {@code samples_TASK.jsonl} files, checked against
 * the digests its statement signs and stored line by line, so the exact files can be rebuilt.
 * Messages number a file's lines from 1, as editors do; the stored {@code line} counts from 0.
 */
final class RunSamples {
    private static final Pattern NAME = Pattern.compile("samples_(.+)\\.jsonl");
    // Rows per executeBatch: bounds the driver's buffered batch on a task of many thousand samples.
    private static final int BATCH = 500;
    // A line must be one JSON value and nothing after it.
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private RunSamples() {}

    /** A samples file whose digest and lines were checked: its task, and each line with its {@code doc_id}. */
    record Verified(String task, List<String> lines, List<Long> docIds) {
        Verified {
            lines = List.copyOf(lines);
            docIds = List.copyOf(docIds);
        }
    }

    /**
     * Checks each file against {@code statement}: a {@code samples_TASK.jsonl} name the statement
     * lists as a subject, whose SHA-256 is the signed one, holding UTF-8 lines that each end in a
     * newline and are a JSON object with an integer {@code doc_id}. An empty file has no lines.
     *
     * @return the files by task
     * @throws AttestationException naming the first file and line that fails
     */
    static List<Verified> verify(Statement statement, Map<String, byte[]> files) {
        Map<String, String> signed = new TreeMap<>();
        for (Statement.Subject s : statement.subjects()) signed.put(s.name(), s.digest().getOrDefault("sha256", ""));
        List<Verified> out = new ArrayList<>();
        for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
            String name = f.getKey();
            Matcher m = NAME.matcher(name);
            if (!m.matches()) throw new AttestationException(name + " is not a samples file: its name must be samples_TASK.jsonl");
            String digest = signed.get(name);
            if (digest == null) throw new AttestationException(name + " is not a subject of the run's statement: its digest was never signed");
            String actual = Sha256.hex(f.getValue());
            if (!actual.equals(digest)) throw new AttestationException(name + " is not the attested file: its SHA-256 is " + actual + ", the statement signs " + digest);
            out.add(lines(name, m.group(1), f.getValue()));
        }
        return out;
    }

    private static Verified lines(String name, String task, byte[] bytes) {
        List<String> lines = new ArrayList<>();
        List<Long> docIds = new ArrayList<>();
        int start = 0;
        while (start < bytes.length) {
            int lineNumber = lines.size() + 1;
            int end = start;
            while (end < bytes.length && bytes[end] != '\n') end++;
            if (end == bytes.length) throw new AttestationException(name + " line " + lineNumber + ": the file does not end with a newline");
            // '\n' is never part of a multi-byte UTF-8 sequence, so splitting the bytes first is safe
            String line = utf8(name, lineNumber, bytes, start, end);
            docIds.add(docId(name, lineNumber, line));
            lines.add(line);
            start = end + 1;
        }
        return new Verified(task, lines, docIds);
    }

    private static String utf8(String name, int lineNumber, byte[] bytes, int from, int to) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, from, to - from))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new AttestationException(name + " line " + lineNumber + ": not UTF-8");
        }
    }

    private static long docId(String name, int lineNumber, String line) {
        JsonNode record;
        try {
            record = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new AttestationException(name + " line " + lineNumber + ": not JSON: " + e.getOriginalMessage());
        }
        if (record == null || record.isMissingNode()) throw new AttestationException(name + " line " + lineNumber + ": not JSON: the line is empty");
        if (!record.isObject()) throw new AttestationException(name + " line " + lineNumber + ": not a JSON object");
        JsonNode id = record.get("doc_id");
        if (id == null || !id.isIntegralNumber() || !id.canConvertToLong()) {
            throw new AttestationException(name + " line " + lineNumber + ": doc_id is " + (id == null ? "missing" : id.toString()) + ", not an integer");
        }
        return id.longValue();
    }

    /** Inserts the verified files' lines as rows of the run at {@code logIndex}, in batches. */
    static void insert(Connection c, long logIndex, List<Verified> files) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO run_samples (log_index, task, line, doc_id, record) VALUES (?, ?, ?, ?, ?)")) {
            int pending = 0;
            for (Verified f : files) {
                for (int i = 0; i < f.lines().size(); i++) {
                    insert.setLong(1, logIndex);
                    insert.setString(2, f.task());
                    insert.setInt(3, i);
                    insert.setLong(4, f.docIds().get(i));
                    insert.setString(5, f.lines().get(i));
                    insert.addBatch();
                    if (++pending == BATCH) {
                        insert.executeBatch();
                        pending = 0;
                    }
                }
            }
            if (pending > 0) insert.executeBatch();
        }
    }

    /** Stored samples per task of the run at {@code logIndex}, sorted by task. */
    static SortedMap<String, Long> counts(Connection c, long logIndex) throws SQLException {
        // sorted here, not by ORDER BY: PostgreSQL would sort by the database's collation
        SortedMap<String, Long> counts = new TreeMap<>();
        try (PreparedStatement q = c.prepareStatement("SELECT task, COUNT(*) FROM run_samples WHERE log_index = ? GROUP BY task")) {
            q.setLong(1, logIndex);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return Collections.unmodifiableSortedMap(counts);
    }

    /** Up to {@code limit} samples from {@code offset}, by task and then line; see {@link Ledger#samples}. */
    static SamplePage page(Connection c, long logIndex, Optional<String> task, long offset, int limit) throws SQLException {
        if (offset < 0) throw new IllegalArgumentException("offset is " + offset + "; it must not be negative");
        if (limit < 1) throw new IllegalArgumentException("limit is " + limit + "; it must be at least 1");
        SortedMap<String, Long> counts = counts(c, logIndex);
        Map<String, Long> selected = task.map(t -> counts.containsKey(t) ? Map.of(t, counts.get(t)) : Map.<String, Long>of()).orElse(counts);
        long total = selected.values().stream().mapToLong(Long::longValue).sum();
        List<StoredSample> items = new ArrayList<>();
        long skip = offset;
        for (Map.Entry<String, Long> e : selected.entrySet()) {
            if (items.size() == limit) break;
            if (skip >= e.getValue()) {
                skip -= e.getValue();
                continue;
            }
            items.addAll(lines(c, logIndex, e.getKey(), skip, limit - items.size()));
            skip = 0;
        }
        return new SamplePage(items, total);
    }

    // A task's lines are 0..n-1, so a page of one task is a range of the primary key.
    private static List<StoredSample> lines(Connection c, long logIndex, String task, long from, int limit) throws SQLException {
        List<StoredSample> out = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT line, doc_id, record FROM run_samples WHERE log_index = ? AND task = ? AND line >= ? ORDER BY line LIMIT ?")) {
            q.setLong(1, logIndex);
            q.setString(2, task);
            q.setLong(3, from);
            q.setInt(4, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) out.add(new StoredSample(task, rs.getInt(1), rs.getLong(2), rs.getString(3)));
            }
        }
        return out;
    }

    /** The exact bytes of the run's {@code samples_TASK.jsonl}: its lines, each followed by a newline. */
    static Optional<byte[]> file(Connection c, long logIndex, String task) throws SQLException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean any = false;
        try (PreparedStatement q = c.prepareStatement("SELECT record FROM run_samples WHERE log_index = ? AND task = ? ORDER BY line")) {
            q.setLong(1, logIndex);
            q.setString(2, task);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    out.writeBytes(rs.getString(1).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                    any = true;
                }
            }
        }
        return any ? Optional.of(out.toByteArray()) : Optional.empty();
    }
}
