package ai.glassbox.ledger.store;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.RunSummary;
import ai.glassbox.ledger.attestation.Statement;
import ai.glassbox.ledger.claims.BenchmarkNames;
import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.HeadlineMetrics;
import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.claims.MeasuredResult;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.claims.ModelFacts;
import ai.glassbox.ledger.claims.ReleaseDate;
import ai.glassbox.ledger.log.Database;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.NoteVerifier;
import ai.glassbox.ledger.note.SignedCheckpoint;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.signing.VerificationKey;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A ledger: the transparency log of signed run attestations, the index of what each run measured,
 * and the published claims they are held against. The log is the record; the run index is written
 * in the same transaction as the entry it reads, so the two never disagree.
 */
public final class Ledger implements AutoCloseable {
    /** The log entry kind of a DSSE envelope of an evaluation run. */
    public static final String RUN_KIND = "eval-run";
    /** The log entry kind of a DSSE envelope of an inference receipt. */
    public static final String RECEIPT_KIND = "inference-receipt";

    private final Database db;
    private final TransparencyLog log;

    private Ledger(Database db) {
        this.db = db;
        this.log = new TransparencyLog(db);
    }

    /** Opens (migrating) the ledger database at a JDBC URL; see {@link Database#open}. */
    public static Ledger open(String url) {
        return new Ledger(Database.open(url));
    }

    public TransparencyLog log() {
        return log;
    }

    public Database database() {
        return db;
    }

    /** A run as the ledger recorded it. */
    public record Run(long logIndex, String signerKeyId, String model, Optional<String> modelSha256, String backend, Instant recordedAt, List<RunSummary.Score> scores) {}

    /** What {@link #recordRun} appended. */
    public record Recorded(long logIndex, TransparencyLog.Appended appended) {}

    /** Records a run without its per-sample records; see {@link #recordRun(byte[], VerificationKey, NoteSigner, Map)}. */
    public Recorded recordRun(byte[] envelope, VerificationKey signer, NoteSigner logSigner) {
        return recordRun(envelope, signer, logSigner, Map.of());
    }

    /**
     * Verifies that {@code envelope} (the exact bytes of a run's {@code attestation.dsse.json}) is an
     * evaluation run signed by {@code signer}, and that each of {@code sampleFiles} (file name, such
     * as {@code samples_arc_easy.jsonl}, to its exact bytes) is a subject of its statement with the
     * signed SHA-256 and holds newline-terminated JSON lines with an integer {@code doc_id}; then
     * appends the envelope to the log and indexes what the run measured and every sample line, in
     * one transaction. Nothing is appended when any check fails.
     *
     * @throws ai.glassbox.ledger.signing.EnvelopeException if the signature doesn't verify
     * @throws AttestationException if the payload is not an evaluation run statement, or a sample
     *     file fails a check (the message names the file and the line, counted from 1)
     * @throws ai.glassbox.ledger.log.DuplicateEntryException if the log already holds it
     */
    public Recorded recordRun(byte[] envelope, VerificationKey signer, NoteSigner logSigner, Map<String, byte[]> sampleFiles) {
        Envelope env = Envelope.parse(envelope);
        env.verify(Statement.PAYLOAD_TYPE, Set.of(signer));
        return appendRun(envelope, env, Statement.parse(env.payload()), signer, logSigner, sampleFiles);
    }

    /** Appends a verified run's envelope and indexes its statement and samples, in one transaction. */
    private Recorded appendRun(byte[] envelope, Envelope env, Statement statement, VerificationKey signer, NoteSigner logSigner, Map<String, byte[]> sampleFiles) {
        RunSummary summary = RunSummary.of(statement);
        List<RunSamples.Verified> samples = RunSamples.verify(statement, sampleFiles);
        String statementSha = Sha256.hex(env.payload());
        Instant now = Instant.now();
        TransparencyLog.Appended appended = log.append(logSigner, List.of(new TransparencyLog.NewEntry(RUN_KIND, envelope)), (c, index) -> {
            try (PreparedStatement run = c.prepareStatement("INSERT INTO runs (log_index, statement_sha256, signer_key_id, signer_key, model, model_sha256, backend, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
                 PreparedStatement score = c.prepareStatement("INSERT INTO run_scores (log_index, task, metric, score, stderr, samples) VALUES (?, ?, ?, ?, ?, ?)")) {
                run.setLong(1, index);
                run.setString(2, statementSha);
                run.setString(3, signer.keyId());
                run.setString(4, signer.pem());
                run.setString(5, summary.model());
                run.setString(6, summary.modelSha256().orElse(null));
                run.setString(7, summary.backend());
                run.setString(8, now.toString());
                run.executeUpdate();
                for (RunSummary.Score s : summary.scores()) {
                    score.setLong(1, index);
                    score.setString(2, s.task());
                    score.setString(3, s.metric());
                    score.setDouble(4, s.value());
                    if (s.stderr().isPresent()) score.setDouble(5, s.stderr().getAsDouble());
                    else score.setNull(5, java.sql.Types.DOUBLE);
                    score.setLong(6, s.samples());
                    score.addBatch();
                }
                score.executeBatch();
            }
            RunSamples.insert(c, index, samples);
            bumpRevision(c);
        });
        return new Recorded(appended.firstIndex(), appended);
    }

    /** Records a run or receipt without per-sample records; see {@link #record(byte[], VerificationKey, NoteSigner, Map)}. */
    public Recorded record(byte[] envelope, VerificationKey signer, NoteSigner logSigner) {
        return record(envelope, signer, logSigner, Map.of());
    }

    /**
     * Verifies that {@code envelope} is signed by {@code signer} and appends it by what its
     * statement is: an evaluation run with its {@code sampleFiles} ({@link #recordRun(byte[],
     * VerificationKey, NoteSigner, Map)}) or an inference receipt, which has none.
     *
     * @throws AttestationException if it is neither, or a receipt comes with sample files
     */
    public Recorded record(byte[] envelope, VerificationKey signer, NoteSigner logSigner, Map<String, byte[]> sampleFiles) {
        Envelope env = Envelope.parse(envelope);
        env.verify(Statement.PAYLOAD_TYPE, Set.of(signer));
        Statement statement = Statement.parse(env.payload());
        String type = statement.predicateType();
        if (type.equals(ai.glassbox.ledger.attestation.RunAttestation.PREDICATE_TYPE)) return appendRun(envelope, env, statement, signer, logSigner, sampleFiles);
        if (!type.equals(ai.glassbox.ledger.attestation.ReceiptAttestation.PREDICATE_TYPE)) {
            throw new AttestationException("predicateType is " + type + ": the log holds evaluation runs and inference receipts");
        }
        if (!sampleFiles.isEmpty()) {
            throw new AttestationException("an inference receipt has no samples files, but " + String.join(", ", new java.util.TreeSet<>(sampleFiles.keySet())) + " came with it");
        }
        TransparencyLog.Appended appended = log.append(logSigner, List.of(new TransparencyLog.NewEntry(RECEIPT_KIND, envelope)));
        return new Recorded(appended.firstIndex(), appended);
    }

    /**
     * A number that moves whenever runs, claims, models or model names change, in whichever
     * process: equal revisions mean equal {@link #runs}, {@link #claims}, {@link #models} and
     * {@link #modelNames}.
     */
    public long revision() {
        return log.query(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT revision FROM ledger_revision WHERE id = 1"); ResultSet rs = q.executeQuery()) {
                if (!rs.next()) throw new ai.glassbox.ledger.log.LedgerException("the ledger at " + db.displayUrl() + " has no revision row");
                return rs.getLong(1);
            }
        });
    }

    private static void bumpRevision(java.sql.Connection c) throws java.sql.SQLException {
        try (PreparedStatement u = c.prepareStatement("UPDATE ledger_revision SET revision = revision + 1 WHERE id = 1")) {
            u.executeUpdate();
        }
    }

    private static final String RUN_COLUMNS = "SELECT log_index, signer_key_id, model, model_sha256, backend, recorded_at FROM runs";
    private static final String SCORE_COLUMNS = "SELECT log_index, task, metric, score, stderr, samples FROM run_scores";

    /** Every recorded run, in log order. */
    public List<Run> runs() {
        return log.query(c -> {
            Map<Long, List<RunSummary.Score>> scores = new HashMap<>();
            try (PreparedStatement q = c.prepareStatement(SCORE_COLUMNS + " ORDER BY log_index, task, metric"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) scores.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(score(rs));
            }
            List<Run> runs = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(RUN_COLUMNS + " ORDER BY log_index"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) runs.add(run(rs, scores.getOrDefault(rs.getLong(1), List.of())));
            }
            return runs;
        });
    }

    /** The run at a log index, if the entry there is one. */
    public Optional<Run> run(long logIndex) {
        return log.query(c -> {
            List<RunSummary.Score> scores = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement(SCORE_COLUMNS + " WHERE log_index = ? ORDER BY task, metric")) {
                q.setLong(1, logIndex);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) scores.add(score(rs));
                }
            }
            try (PreparedStatement q = c.prepareStatement(RUN_COLUMNS + " WHERE log_index = ?")) {
                q.setLong(1, logIndex);
                try (ResultSet rs = q.executeQuery()) {
                    return rs.next() ? Optional.of(run(rs, scores)) : Optional.<Run>empty();
                }
            }
        });
    }

    /** A row of {@link #SCORE_COLUMNS}. */
    private static RunSummary.Score score(ResultSet rs) throws java.sql.SQLException {
        double err = rs.getDouble(5);
        java.util.OptionalDouble stderr = rs.wasNull() ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(err);
        return new RunSummary.Score(rs.getString(2), rs.getString(3), rs.getDouble(4), stderr, rs.getLong(6));
    }

    /** A row of {@link #RUN_COLUMNS}. */
    private static Run run(ResultSet rs, List<RunSummary.Score> scores) throws java.sql.SQLException {
        return new Run(rs.getLong(1), rs.getString(2), rs.getString(3), Optional.ofNullable(rs.getString(4)), rs.getString(5), Instant.parse(rs.getString(6)), scores);
    }

    /** How many sample records the run at {@code logIndex} has stored, per task, sorted by task; empty for no run. */
    public Map<String, Long> sampleCounts(long logIndex) {
        return log.query(c -> RunSamples.counts(c, logIndex));
    }

    /**
     * Up to {@code limit} of the run's stored samples, skipping {@code offset}, ordered by task and
     * then line: of one {@code task}, or of every task. The total counts the whole selection; an
     * unknown task or run selects nothing.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code limit} is below 1
     */
    public SamplePage samples(long logIndex, Optional<String> task, long offset, int limit) {
        return log.query(c -> RunSamples.page(c, logIndex, task, offset, limit));
    }

    /**
     * The exact bytes of the run's {@code samples_TASK.jsonl} as it was logged, whose SHA-256 is the
     * digest its statement signs; empty if the ledger stores no samples of that task of that run.
     */
    public Optional<byte[]> sampleFile(long logIndex, String task) {
        return log.query(c -> RunSamples.file(c, logIndex, task));
    }

    /**
     * Stores claims; a claim already stored (same content id) is left as it is.
     *
     * @return how many were new
     */
    public int importClaims(List<Claim> claims) {
        Instant now = Instant.now();
        return log.update(c -> {
            int added = 0;
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM claims WHERE id = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO claims (id, model, benchmark, score, setting, claimed_by, source, note, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (Claim claim : claims) {
                    exists.setString(1, claim.id());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) continue;
                    }
                    insert.setString(1, claim.id());
                    insert.setString(2, claim.model());
                    insert.setString(3, claim.benchmark());
                    insert.setDouble(4, claim.score());
                    insert.setString(5, claim.setting());
                    insert.setString(6, claim.claimedBy());
                    insert.setString(7, claim.source());
                    insert.setString(8, claim.note());
                    insert.setString(9, now.toString());
                    insert.executeUpdate();
                    added++;
                }
            }
            if (added > 0) bumpRevision(c);
            return added;
        });
    }

    /** Every stored claim, by model, benchmark and content id. */
    public List<Claim> claims() {
        return log.query(c -> {
            List<Claim> claims = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT model, benchmark, score, setting, claimed_by, source, note FROM claims ORDER BY model, benchmark, id");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) claims.add(new Claim(rs.getString(1), rs.getString(2), rs.getDouble(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7)));
            }
            return claims;
        });
    }

    /**
     * Stores model facts; a model already stored (same name) is left as it is.
     *
     * @return how many were new
     */
    public int importModels(List<ModelFact> models) {
        Instant now = Instant.now();
        return log.update(c -> {
            int added = 0;
            try (PreparedStatement exists = c.prepareStatement("SELECT 1 FROM models WHERE model = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO models (model, organization, weights, release_date, parameters_b, license, source, note, imported_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                for (ModelFact m : models) {
                    exists.setString(1, m.model());
                    try (ResultSet rs = exists.executeQuery()) {
                        if (rs.next()) continue;
                    }
                    insert.setString(1, m.model());
                    insert.setString(2, m.organization());
                    insert.setString(3, m.weights().name().toLowerCase(java.util.Locale.ROOT));
                    insert.setString(4, m.releaseDate().toString());
                    if (m.parametersB().isPresent()) insert.setDouble(5, m.parametersB().getAsDouble());
                    else insert.setNull(5, java.sql.Types.DOUBLE);
                    insert.setString(6, m.license());
                    insert.setString(7, m.source());
                    insert.setString(8, m.note());
                    insert.setString(9, now.toString());
                    insert.executeUpdate();
                    added++;
                }
            }
            if (added > 0) bumpRevision(c);
            return added;
        });
    }

    /** Every stored model fact, by release date and then name. */
    public List<ModelFact> models() {
        List<ModelFact> models = log.query(c -> {
            List<ModelFact> out = new ArrayList<>();
            try (PreparedStatement q = c.prepareStatement("SELECT model, organization, weights, release_date, parameters_b, license, source, note FROM models ORDER BY model");
                 ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    double b = rs.getDouble(5);
                    java.util.OptionalDouble params = rs.wasNull() ? java.util.OptionalDouble.empty() : java.util.OptionalDouble.of(b);
                    out.add(new ModelFact(rs.getString(1), rs.getString(2), ModelFact.Weights.valueOf(rs.getString(3).toUpperCase(java.util.Locale.ROOT)),
                            ReleaseDate.parse(rs.getString(4)), params, rs.getString(6), rs.getString(7), rs.getString(8)));
                }
            }
            return out;
        });
        return models.stream().sorted(java.util.Comparator.comparing(ModelFact::releaseDate).thenComparing(ModelFact::model)).toList();
    }

    /** What {@link #seedIfEmpty} imported: zero and zero when the ledger already held claims and models. */
    public record Seeded(int claims, int models) {}

    /**
     * On first start, imports the claims ({@link Claims#seed}) and model facts
     * ({@link ModelFacts#seed}) Glassbox ships. Each table is seeded only while it is empty, so a
     * ledger whose operator imported or curated its own data keeps it; calling this again changes
     * nothing.
     */
    public Seeded seedIfEmpty() {
        boolean noClaims = count("claims") == 0, noModels = count("models") == 0;
        return new Seeded(noClaims ? importClaims(Claims.seed()) : 0, noModels ? importModels(ModelFacts.seed()) : 0);
    }

    private long count(String table) {
        return log.query(c -> {
            try (PreparedStatement q = c.prepareStatement("SELECT COUNT(*) FROM " + table); ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        });
    }

    /** Says that runs of {@code runModel} (a file name or endpoint model id) measure the claimed model {@code claimModel}. */
    public void nameModel(String runModel, String claimModel) {
        if (runModel.isBlank() || claimModel.isBlank()) throw new IllegalArgumentException("model names must not be empty");
        log.update(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM model_names WHERE run_model = ?");
                 PreparedStatement insert = c.prepareStatement("INSERT INTO model_names (run_model, claim_model) VALUES (?, ?)")) {
                delete.setString(1, runModel);
                delete.executeUpdate();
                insert.setString(1, runModel);
                insert.setString(2, claimModel);
                int n = insert.executeUpdate();
                bumpRevision(c);
                return n;
            }
        });
    }

    /** The claimed model each named run model measures. */
    public Map<String, String> modelNames() {
        return log.query(c -> {
            Map<String, String> names = new HashMap<>();
            try (PreparedStatement q = c.prepareStatement("SELECT run_model, claim_model FROM model_names"); ResultSet rs = q.executeQuery()) {
                while (rs.next()) names.put(rs.getString(1), rs.getString(2));
            }
            return names;
        });
    }

    /**
     * Every stored claim held against the recorded runs of its model: a run's model counts as the
     * claim's when {@link #nameModel} said so, or when the names are equal. Each run contributes its
     * headline metric ({@link HeadlineMetrics}) of every task comparable to the claim's benchmark;
     * the evidence is the run's log index.
     */
    public List<ClaimAssessment> assessClaims() {
        Map<String, String> names = modelNames();
        Map<String, List<MeasuredResult>> byModel = new HashMap<>();
        for (Run run : runs()) {
            String model = names.getOrDefault(run.model(), run.model());
            for (RunSummary.Score s : run.scores()) {
                if (!HeadlineMetrics.of(s.task()).map(s.metric()::equals).orElse(false)) continue;
                byModel.computeIfAbsent(model, k -> new ArrayList<>())
                        .add(new MeasuredResult(model, s.task(), s.value(), s.samples(), run.recordedAt(), "log index " + run.logIndex()));
            }
        }
        List<ClaimAssessment> out = new ArrayList<>();
        for (Claim claim : claims()) {
            List<MeasuredResult> comparable = byModel.getOrDefault(claim.model(), List.of()).stream()
                    .filter(r -> BenchmarkNames.comparable(claim.benchmark(), r.task())).toList();
            out.add(ClaimAssessment.assess(claim, comparable));
        }
        return out;
    }

    /** An entry's place in the log, proven against a checkpoint signed by the log's key. */
    public record Inclusion(long index, SignedCheckpoint checkpoint, InclusionProof proof) {}

    /**
     * Where the log holds exactly {@code entry}, proven against its latest checkpoint; empty if it
     * doesn't hold it.
     *
     * @throws ai.glassbox.ledger.note.NoteException if the checkpoint isn't signed by {@code logKey}
     * @throws ai.glassbox.ledger.merkle.ProofException if the proof doesn't lead to its root
     */
    public Optional<Inclusion> inclusion(byte[] entry, NoteVerifier logKey) {
        OptionalLong index = log.find(entry);
        return index.isEmpty() ? Optional.empty() : Optional.of(inclusionAt(index.getAsLong(), entry, logKey));
    }

    /** Proves that the log holds {@code entry} at {@code index}, against its latest checkpoint. */
    public Inclusion inclusionAt(long index, byte[] entry, NoteVerifier logKey) {
        String note = log.latestCheckpoint().orElseThrow(() -> new ai.glassbox.ledger.log.LedgerException("the log at " + db.displayUrl() + " is empty"));
        SignedCheckpoint checkpoint = SignedCheckpoint.open(note, logKey);
        InclusionProof proof = log.inclusionProof(index, checkpoint.checkpoint().size());
        proof.verify(MerkleHash.leaf(entry), checkpoint.checkpoint().root());
        return new Inclusion(index, checkpoint, proof);
    }

    @Override
    public void close() {
        log.close();
    }
}
