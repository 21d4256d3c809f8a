package ai.glassbox.cli;

import ai.glassbox.ledger.log.Database;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.log.TransparencyLog.Appended;
import ai.glassbox.ledger.log.TransparencyLog.NewEntry;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.SigningKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "bench-ledger",
        description = "Measure the transparency log on a database: appends per second, one entry and a batch per transaction,"
                + " and inclusion and consistency proofs in a large tree.")
final class BenchLedgerCommand implements Callable<Integer> {
    /** About the size of the DSSE envelope of an eval run's attestation. */
    static final int ENTRY_BYTES = 1536;

    private static final String KIND = "eval-run";
    private static final long SEED = 1234;

    @Option(names = "--db", paramLabel = "URL",
            description = "an empty ledger database: jdbc:sqlite:FILE or jdbc:postgresql://HOST[:PORT]/DB[?user=…] (default: a new SQLite file in a temporary folder, deleted after)")
    String dbUrl;

    @Option(names = {"-n", "--appends"}, description = "transactions per repetition in the append tests (default: ${DEFAULT-VALUE})", defaultValue = "500")
    int appends;

    @Option(names = {"-b", "--batch"}, description = "entries per transaction in the batched append test (default: ${DEFAULT-VALUE})", defaultValue = "100")
    int batch;

    @Option(names = "--entries", description = "tree size for the proofs; the log is filled up to it (default: ${DEFAULT-VALUE})", defaultValue = "1000000")
    long entries;

    @Option(names = "--fill-batch", description = "entries per transaction while filling (default: ${DEFAULT-VALUE})", defaultValue = "10000")
    int fillBatch;

    @Option(names = {"-k", "--proofs"}, description = "proofs of each kind per repetition, at random indices and sizes (default: ${DEFAULT-VALUE})", defaultValue = "1000")
    int proofs;

    @Option(names = {"-r", "--repetitions"}, description = "repetitions (default: ${DEFAULT-VALUE})", defaultValue = "5")
    int repetitions;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        if (repetitions < 1) throw new IllegalArgumentException("--repetitions must be at least 1");
        if (appends < 1 || batch < 1 || fillBatch < 1 || proofs < 1) throw new IllegalArgumentException("--appends, --batch, --fill-batch and --proofs must be at least 1");
        if (entries < 2) throw new IllegalArgumentException("--entries must be at least 2");
        Path tempDir = dbUrl == null ? Files.createTempDirectory("glassbox-bench-ledger-") : null;
        try {
            Database db = tempDir == null ? Database.open(dbUrl) : Database.sqlite(tempDir.resolve("ledger.db"));
            try (TransparencyLog log = new TransparencyLog(db)) {
                run(db, log, spec.commandLine().getOut());
            }
        } finally {
            if (tempDir != null) deleteTree(tempDir);
        }
        return ExitCodes.OK;
    }

    private void run(Database db, TransparencyLog log, PrintWriter out) {
        // The bench writes junk entries and a throw-away key's checkpoints: never into a real ledger.
        long existing = log.size();
        if (existing != 0) throw new IllegalArgumentException("bench-ledger needs an empty database, but the log in " + db.displayUrl() + " already has size " + existing);
        var bench = new Run(log, new NoteSigner("bench.glassbox.ai/ledger", SigningKey.generate()));
        String kind = switch (db.dialect()) {
            case SQLITE -> "SQLite";
            case POSTGRESQL -> "PostgreSQL";
        };
        out.printf("database: %s %s%n", kind, db.displayUrl());
        out.printf("entry size: %d bytes; repetitions: %d, after one warm-up%n%n", ENTRY_BYTES, repetitions);
        out.printf("| test | entries/tx | transactions | entries/s |%n|---|---:|---:|---:|%n");
        out.printf("| append | 1 | %d | %s |%n", appends, BenchStats.meanStd(measureAppends(bench, 1)));
        out.flush();
        out.printf("| append | %d | %d | %s |%n", batch, appends, BenchStats.meanStd(measureAppends(bench, batch)));
        out.flush();
        long before = bench.next;
        long t0 = System.nanoTime();
        double[] fillRates = bench.fillTo(entries, fillBatch);
        double fillSeconds = (System.nanoTime() - t0) / 1e9;
        long treeSize = bench.next;
        if (fillRates.length > 0) {
            out.printf("| fill to %d | %d | %d | %s |%n", treeSize, Math.min(fillBatch, treeSize - before), fillRates.length, BenchStats.meanStd(fillRates));
        }
        if (fillRates.length > 0) {
            out.printf("%nfilled %d entries in %.1f s (%.0f entries/s overall); tree size %d, database %s%n%n",
                    treeSize - before, fillSeconds, (treeSize - before) / fillSeconds, treeSize, databaseSize(db));
        } else {
            out.printf("%nno fill: the append tests reached tree size %d; database %s%n%n", treeSize, databaseSize(db));
        }
        out.flush();
        printProofs(bench, treeSize, out);
    }

    private double[] measureAppends(Run bench, int perTransaction) {
        bench.appendRate(appends, perTransaction); // warm-up: JIT compilation, statement caches
        double[] rates = new double[repetitions];
        for (int i = 0; i < repetitions; i++) rates[i] = bench.appendRate(appends, perTransaction);
        return rates;
    }

    private void printProofs(Run bench, long treeSize, PrintWriter out) {
        Hash root = bench.last.checkpoint().root();
        var random = new SplittableRandom(SEED);
        long[][] inclusion = new long[2][];
        long[][] consistency = new long[2][];
        for (int rep = 0; rep <= repetitions; rep++) {
            long[][] inc = bench.inclusionNanos(treeSize, root, proofs, random);
            long[][] con = bench.consistencyNanos(treeSize, root, proofs, random);
            if (rep == 0) continue; // warm-up
            for (int i = 0; i < 2; i++) {
                inclusion[i] = concat(inclusion[i], inc[i]);
                consistency[i] = concat(consistency[i], con[i]);
            }
        }
        out.printf("| proof | tree size | proofs | mean µs | p50 µs | p99 µs |%n|---|---:|---:|---:|---:|---:|%n");
        String[] step = {"generate", "verify"};
        for (int i = 0; i < 2; i++) out.println(proofRow("inclusion, " + step[i], treeSize, inclusion[i]));
        for (int i = 0; i < 2; i++) out.println(proofRow("consistency, " + step[i], treeSize, consistency[i]));
    }

    private String proofRow(String name, long treeSize, long[] nanos) {
        double[] perRepetition = new double[repetitions];
        for (int r = 0; r < repetitions; r++) {
            double sum = 0;
            for (int i = r * proofs; i < (r + 1) * proofs; i++) sum += nanos[i];
            perRepetition[r] = sum / proofs / 1e3;
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format("| %s | %d | %d | %s | %.1f | %.1f |", name, treeSize, nanos.length, BenchStats.meanStd(perRepetition),
                BenchStats.percentile(sorted, 0.50) / 1e3, BenchStats.percentile(sorted, 0.99) / 1e3);
    }

    /** The log under test, the entries appended so far and the latest append's checkpoint. */
    private static final class Run {
        final TransparencyLog log;
        final NoteSigner signer;
        long next;
        Appended last;

        Run(TransparencyLog log, NoteSigner signer) {
            this.log = log;
            this.signer = signer;
        }

        /** Entries per second of {@code transactions} appends of {@code perTransaction} entries each. */
        double appendRate(int transactions, int perTransaction) {
            long t0 = System.nanoTime();
            for (int t = 0; t < transactions; t++) append(perTransaction);
            return (double) transactions * perTransaction * 1e9 / (System.nanoTime() - t0);
        }

        /** Appends until the log holds {@code size} entries; the entries per second of each transaction. */
        double[] fillTo(long size, int perTransaction) {
            List<Double> rates = new ArrayList<>();
            while (next < size) {
                int count = (int) Math.min(perTransaction, size - next);
                long t0 = System.nanoTime();
                append(count);
                rates.add(count * 1e9 / (System.nanoTime() - t0));
            }
            return rates.stream().mapToDouble(Double::doubleValue).toArray();
        }

        private void append(int count) {
            List<NewEntry> entries = new ArrayList<>(count);
            for (int i = 0; i < count; i++) entries.add(new NewEntry(KIND, entry(next + i)));
            last = log.append(signer, entries);
            assert last.firstIndex() == next : "appended at " + last.firstIndex() + ", expected " + next;
            next += count;
        }

        /** Nanoseconds to generate, then to verify, each of {@code count} inclusion proofs at random indices. */
        long[][] inclusionNanos(long treeSize, Hash root, int count, SplittableRandom random) {
            long[][] nanos = new long[2][count];
            for (int i = 0; i < count; i++) {
                long index = random.nextLong(treeSize);
                Hash leaf = MerkleHash.leaf(entry(index));
                long t0 = System.nanoTime();
                InclusionProof proof = log.inclusionProof(index, treeSize);
                long t1 = System.nanoTime();
                proof.verify(leaf, root);
                nanos[0][i] = t1 - t0;
                nanos[1][i] = System.nanoTime() - t1;
            }
            return nanos;
        }

        /** The same for consistency proofs from a random earlier size to {@code treeSize}. */
        long[][] consistencyNanos(long treeSize, Hash root, int count, SplittableRandom random) {
            long[][] nanos = new long[2][count];
            for (int i = 0; i < count; i++) {
                long earlier = 1 + random.nextLong(treeSize - 1);
                Hash earlierRoot = log.root(earlier);
                long t0 = System.nanoTime();
                ConsistencyProof proof = log.consistencyProof(earlier, treeSize);
                long t1 = System.nanoTime();
                proof.verify(earlierRoot, root);
                nanos[0][i] = t1 - t0;
                nanos[1][i] = System.nanoTime() - t1;
            }
            return nanos;
        }
    }

    /**
     * Entry {@code index}: shaped like a DSSE envelope of {@link #ENTRY_BYTES} bytes, with a payload
     * that starts with the index (so no two are equal) and is random after it, so a proof's leaf
     * hash can be recomputed from the index alone.
     */
    static byte[] entry(long index) {
        var random = new SplittableRandom(SEED ^ index * 0x9E3779B97F4A7C15L);
        byte[] sig = new byte[64];
        random.nextBytes(sig);
        String head = "{\"payloadType\":\"" + ai.glassbox.ledger.attestation.Statement.PAYLOAD_TYPE + "\",\"payload\":\"";
        String sigText = Base64.getEncoder().encodeToString(sig);
        int payloadChars = ENTRY_BYTES - head.length() - tail("", sigText).length();
        // base64 comes in groups of 4 characters: the key id takes up the remainder
        String tail = tail("benchkey".substring(0, 4 + payloadChars % 4), sigText);
        byte[] payload = new byte[(payloadChars - 4) / 4 * 3];
        random.nextBytes(payload);
        for (int i = 0; i < 8; i++) payload[i] = (byte) (index >>> 56 - 8 * i);
        byte[] json = (head + Base64.getEncoder().encodeToString(payload) + tail).getBytes(StandardCharsets.US_ASCII);
        assert json.length == ENTRY_BYTES : json.length;
        return json;
    }

    private static String tail(String keyId, String sig) {
        return "\",\"signatures\":[{\"keyid\":\"" + keyId + "\",\"sig\":\"" + sig + "\"}]}";
    }

    private static String databaseSize(Database db) {
        String query = switch (db.dialect()) {
            case SQLITE -> "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()";
            case POSTGRESQL -> "SELECT pg_database_size(current_database())";
        };
        try (Connection c = db.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            return rs.next() ? String.format("%.1f MiB", rs.getLong(1) / 1048576.0) : "unknown size";
        } catch (SQLException e) {
            return "unknown size (" + e.getMessage() + ")";
        }
    }

    private static long[] concat(long[] a, long[] b) {
        if (a == null) return b;
        long[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
