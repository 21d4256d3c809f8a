package ai.glassbox.server.publish;

import ai.glassbox.ledger.attestation.RunSummary;
import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.ledger.store.StoredSample;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The JSON of the ledger's objects, with snake_case names as in the OpenAI API and the claims CSV. */
final class LedgerJson {
    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern LOG_INDEX = Pattern.compile("log index (\\d+)");

    private LedgerJson() {}

    static ObjectNode fact(ModelFact m) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("name", m.model());
        o.put("organization", m.organization());
        o.put("weights", m.weights().name().toLowerCase(Locale.ROOT));
        o.put("release_date", m.releaseDate().toString());
        if (m.parametersB().isPresent()) o.put("parameters_b", m.parametersB().getAsDouble());
        else o.putNull("parameters_b");
        o.put("license", m.license());
        o.put("source", m.source());
        o.put("note", m.note());
        return o;
    }

    /**
     * A claim with its status; {@code model_fact} is the {@code /api/models} name it is about or
     * null, {@code wilson} bounds are fractions, {@code evidence_log_index} the run's index or null.
     */
    static ObjectNode claim(ClaimAssessment a, Optional<ModelFact> fact) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("id", a.claim().id());
        o.put("model", a.claim().model());
        fact.ifPresentOrElse(f -> o.put("model_fact", f.model()), () -> o.putNull("model_fact"));
        o.put("benchmark", a.claim().benchmark());
        o.put("score", a.claim().score());
        o.put("setting", a.claim().setting());
        o.put("claimed_by", a.claim().claimedBy());
        o.put("source", a.claim().source());
        o.put("note", a.claim().note());
        o.put("status", a.status().name().toLowerCase(Locale.ROOT));
        o.put("reason", a.reason());
        o.put("evidence", a.evidence());
        Matcher m = LOG_INDEX.matcher(a.evidence());
        if (m.matches()) o.put("evidence_log_index", Long.parseLong(m.group(1)));
        else o.putNull("evidence_log_index");
        // z is ±∞ for a claim of 0% or 100% that the measurement misses; JSON has no infinity
        if (Double.isFinite(a.z())) o.put("z", a.z());
        else o.put("z", a.z() > 0 ? "Infinity" : "-Infinity");
        ObjectNode wilson = o.putObject("wilson");
        wilson.put("low", a.wilsonLow());
        wilson.put("high", a.wilsonHigh());
        a.measured().ifPresentOrElse(r -> {
            ObjectNode measured = o.putObject("measured");
            measured.put("task", r.task());
            measured.put("accuracy", r.accuracy());
            measured.put("n", r.n());
        }, () -> o.putNull("measured"));
        return o;
    }

    static ObjectNode run(Ledger.Run run) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("log_index", run.logIndex());
        o.put("model", run.model());
        run.modelSha256().ifPresentOrElse(s -> o.put("model_sha256", s), () -> o.putNull("model_sha256"));
        o.put("backend", run.backend());
        o.put("signer_key_id", run.signerKeyId());
        o.put("recorded_at", run.recordedAt().toString());
        ArrayNode scores = o.putArray("scores");
        for (RunSummary.Score s : run.scores()) {
            ObjectNode score = scores.addObject();
            score.put("task", s.task());
            score.put("metric", s.metric());
            score.put("value", s.value());
            if (s.stderr().isPresent()) score.put("stderr", s.stderr().getAsDouble());
            else score.putNull("stderr");
            score.put("samples", s.samples());
        }
        return o;
    }

    /** A stored sample with its record as JSON: {@code {"task", "line", "doc_id", "record"}}. */
    static ObjectNode sample(StoredSample s) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("task", s.task());
        o.put("line", s.line());
        o.put("doc_id", s.docId());
        o.set("record", parsed(s.record().getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return o;
    }

    /** A log entry: its exact bytes in base64 (whose RFC 9162 leaf hash is {@code leaf_hash}), and as JSON where they are JSON. */
    static ObjectNode entry(TransparencyLog.Entry e) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("index", e.index());
        o.put("kind", e.kind());
        o.put("leaf_hash", base64(e.leafHash()));
        o.put("appended_at", e.appendedAt().toString());
        o.put("entry", Base64.getEncoder().encodeToString(e.bytes()));
        o.set("envelope", parsed(e.bytes()));
        return o;
    }

    /** JSON bytes as a tree; null for bytes that are not JSON. */
    static JsonNode parsed(byte[] bytes) {
        try {
            return MAPPER.readTree(bytes);
        } catch (IOException e) {
            return MAPPER.nullNode();
        }
    }

    static ObjectNode page(List<? extends JsonNode> items, long total, QueryParams.Page page) {
        ObjectNode o = MAPPER.createObjectNode();
        o.putArray("items").addAll(items);
        o.put("total", total);
        o.put("limit", page.limit());
        o.put("offset", page.offset());
        return o;
    }

    static <T> List<T> slice(List<T> all, QueryParams.Page page) {
        if (page.offset() >= all.size()) return List.of();
        return all.subList((int) page.offset(), (int) Math.min(all.size(), page.offset() + page.limit()));
    }

    static String base64(Hash h) {
        return Base64.getEncoder().encodeToString(h.bytes());
    }

    static byte[] bytes(JsonNode n) {
        try {
            return MAPPER.writeValueAsBytes(n);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
