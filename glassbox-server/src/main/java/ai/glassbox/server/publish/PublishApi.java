package ai.glassbox.server.publish;

import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.ClaimStatus;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.openai.ApiException;
import ai.glassbox.server.openai.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The read-only routes under {@code /api} over one {@link Ledger}. Lists are pages
 * {@code {"items", "total", "limit", "offset"}}; a bad parameter is a 400 and an unknown item a
 * 404, both with the server's error object {@code {"error": {"message", "param", …}}}. Thread-safe
 * as the ledger is; the ledger stays the caller's to close.
 */
public final class PublishApi {
    private static final Logger LOG = Logger.getLogger(PublishApi.class.getName());

    /** Every route, as the OpenAPI document writes its path. */
    public static final List<String> ROUTES = List.of(
            "/api/openapi.json", "/api/models", "/api/models/{name}", "/api/claims", "/api/runs", "/api/runs/{index}",
            "/api/log/checkpoint", "/api/log/key", "/api/log/entries/{index}", "/api/log/proof/inclusion", "/api/log/proof/consistency");

    /** A handler that answers with JSON, or throws {@link ApiException}. */
    @FunctionalInterface
    private interface JsonRoute {
        JsonNode answer(QueryParams params);
    }

    private final Ledger ledger;
    private final byte[] openApi;

    public PublishApi(Ledger ledger) {
        this.ledger = ledger;
        try (InputStream in = PublishApi.class.getResourceAsStream("openapi.json")) {
            if (in == null) throw new IllegalStateException("openapi.json is missing beside " + PublishApi.class.getName());
            this.openApi = in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Registers the routes; call before any catch-all route. */
    public void routing(HttpRouting.Builder routing) {
        routing.get("/api/openapi.json", (req, res) -> send(res, "application/json", openApi));
        routing.get("/api/models", (req, res) -> json(req, res, this::models));
        routing.get("/api/models/{name}", (req, res) -> json(req, res, this::model));
        routing.get("/api/claims", (req, res) -> json(req, res, this::claims));
        routing.get("/api/runs", (req, res) -> json(req, res, this::runs));
        routing.get("/api/runs/{index}", (req, res) -> json(req, res, this::run));
        routing.get("/api/log/checkpoint", (req, res) -> guarded(res, () -> send(res, "text/plain; charset=utf-8", checkpoint())));
        routing.get("/api/log/key", (req, res) -> json(req, res, this::key));
        routing.get("/api/log/entries/{index}", (req, res) -> json(req, res, this::entry));
        routing.get("/api/log/proof/inclusion", (req, res) -> json(req, res, this::inclusion));
        routing.get("/api/log/proof/consistency", (req, res) -> json(req, res, this::consistency));
    }

    private JsonNode models(QueryParams q) {
        Optional<ModelFact.Weights> weights = q.text("weights").map(w -> switch (w) {
            case "open" -> ModelFact.Weights.OPEN;
            case "closed" -> ModelFact.Weights.CLOSED;
            default -> throw ApiException.invalid("weights", "weights is \"" + w + "\"; expected open or closed");
        });
        Optional<String> organization = q.text("organization");
        QueryParams.Page page = q.page();
        List<ModelFact> facts = ledger.models();
        ModelFamilies families = new ModelFamilies(facts);
        List<ClaimAssessment> claims = ledger.assessClaims();
        List<ModelFact> matching = facts.stream()
                .filter(m -> weights.map(w -> m.weights() == w).orElse(true))
                .filter(m -> organization.map(o -> m.organization().equalsIgnoreCase(o)).orElse(true))
                .toList();
        List<ObjectNode> items = LedgerJson.slice(matching, page).stream().map(m -> {
            ObjectNode o = LedgerJson.fact(m);
            o.put("claims", claims.stream().filter(a -> families.belongs(a.claim().model(), m.model())).count());
            return o;
        }).toList();
        return LedgerJson.page(items, matching.size(), page);
    }

    /** A model's facts, the claims about its variants with their status, and the runs of it. */
    private JsonNode model(QueryParams q) {
        String name = q.path("name");
        List<ModelFact> facts = ledger.models();
        ModelFact fact = facts.stream().filter(m -> m.model().equals(name)).findFirst()
                .orElseThrow(() -> ApiException.notFound("name", "no model named \"" + name + "\" in the ledger; GET /api/models lists them"));
        ModelFamilies families = new ModelFamilies(facts);
        ObjectNode o = LedgerJson.fact(fact);
        o.putArray("claims").addAll(ledger.assessClaims().stream().filter(a -> families.belongs(a.claim().model(), name)).map(LedgerJson::claim).toList());
        Map<String, String> names = ledger.modelNames();
        o.putArray("runs").addAll(ledger.runs().stream()
                .filter(r -> families.belongs(names.getOrDefault(r.model(), r.model()), name)).map(LedgerJson::run).toList());
        return o;
    }

    private JsonNode claims(QueryParams q) {
        Optional<String> model = q.text("model"), benchmark = q.text("benchmark");
        Optional<ClaimStatus> status = q.text("status").map(s -> {
            for (ClaimStatus c : ClaimStatus.values()) if (c.name().toLowerCase(Locale.ROOT).equals(s)) return c;
            throw ApiException.invalid("status", "status is \"" + s + "\"; expected verified, disputed or unverified");
        });
        Optional<String> claimedBy = q.text("claimed_by").map(c -> switch (c) {
            case "vendor" -> "vendor";
            case "third-party" -> "third party";
            default -> throw ApiException.invalid("claimed_by", "claimed_by is \"" + c + "\"; expected vendor or third-party");
        });
        QueryParams.Page page = q.page();
        Predicate<ClaimAssessment> keep = a -> model.map(a.claim().model()::equals).orElse(true)
                && benchmark.map(a.claim().benchmark()::equals).orElse(true)
                && status.map(s -> a.status() == s).orElse(true)
                // the CSV says "vendor (Meta)" or "third party (Epoch AI)"
                && claimedBy.map(a.claim().claimedBy()::startsWith).orElse(true);
        List<ClaimAssessment> matching = ledger.assessClaims().stream().filter(keep).toList();
        return LedgerJson.page(LedgerJson.slice(matching, page).stream().map(LedgerJson::claim).toList(), matching.size(), page);
    }

    private JsonNode runs(QueryParams q) {
        QueryParams.Page page = q.page();
        List<Ledger.Run> runs = ledger.runs();
        return LedgerJson.page(LedgerJson.slice(runs, page).stream().map(LedgerJson::run).toList(), runs.size(), page);
    }

    /** A run with its DSSE envelope and the in-toto statement the envelope signs. */
    private JsonNode run(QueryParams q) {
        long index = q.pathIndex("index");
        Ledger.Run run = ledger.run(index).orElseThrow(() -> ApiException.notFound("index", "the log holds no run at index " + index));
        byte[] envelope = ledger.log().entry(index).bytes();
        ObjectNode o = LedgerJson.run(run);
        o.set("envelope", LedgerJson.parsed(envelope));
        o.set("statement", LedgerJson.parsed(Envelope.parse(envelope).payload()));
        return o;
    }

    private byte[] checkpoint() {
        return ledger.log().latestCheckpoint()
                .orElseThrow(() -> ApiException.notFound(null, "the log is empty: it signs its first checkpoint at its first entry"))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The log's origin and the C2SP verifier key its checkpoints are signed with. */
    private JsonNode key(QueryParams q) {
        TransparencyLog.Head head = ledger.log().head()
                .orElseThrow(() -> ApiException.notFound(null, "the log is empty: it takes its key at its first entry"));
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        o.put("origin", head.origin());
        o.put("vkey", head.verifier().vkey());
        o.put("size", head.size());
        return o;
    }

    private JsonNode entry(QueryParams q) {
        long index = q.pathIndex("index");
        long size = ledger.log().size();
        if (index >= size) throw ApiException.notFound("index", "the log has no entry " + index + " (its size is " + size + ")");
        return LedgerJson.entry(ledger.log().entry(index));
    }

    /** RFC 9162 §2.1.3 inclusion proof, as {@code glassbox log prove} prints it. */
    private JsonNode inclusion(QueryParams q) {
        TransparencyLog log = ledger.log();
        long logSize = log.size();
        long index = q.count("index").orElseThrow(() -> ApiException.invalid("index", "index is required"));
        long size = q.count("size").orElse(logSize);
        if (size > logSize) throw ApiException.invalid("size", "size is " + size + " but the log has " + logSize + " entries");
        if (index >= size) throw ApiException.invalid("index", "index " + index + " is not in the tree of size " + size);
        InclusionProof proof = log.inclusionProof(index, size);
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        o.put("leaf_index", proof.leafIndex());
        o.put("tree_size", proof.treeSize());
        o.put("leaf_hash", LedgerJson.base64(log.entry(index).leafHash()));
        o.putArray("inclusion_path").addAll(proof.path().stream().map(h -> (JsonNode) LedgerJson.MAPPER.getNodeFactory().textNode(LedgerJson.base64(h))).toList());
        log.checkpoint(size).ifPresentOrElse(cp -> o.put("checkpoint", cp), () -> o.putNull("checkpoint"));
        return o;
    }

    /** RFC 9162 §2.1.4 consistency proof between two tree sizes, as {@code glassbox log consistency} prints it. */
    private JsonNode consistency(QueryParams q) {
        TransparencyLog log = ledger.log();
        long logSize = log.size();
        long from = q.count("from").orElseThrow(() -> ApiException.invalid("from", "from is required"));
        long to = q.count("to").orElse(logSize);
        if (to > logSize) throw ApiException.invalid("to", "to is " + to + " but the log has " + logSize + " entries");
        if (from < 1 || from > to) throw ApiException.invalid("from", "from is " + from + "; it must be between 1 and to (" + to + ")");
        ConsistencyProof proof = log.consistencyProof(from, to);
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        o.put("size1", proof.size1());
        o.put("size2", proof.size2());
        o.putArray("consistency_path").addAll(proof.path().stream().map(h -> (JsonNode) LedgerJson.MAPPER.getNodeFactory().textNode(LedgerJson.base64(h))).toList());
        return o;
    }

    private void json(ServerRequest req, ServerResponse res, JsonRoute route) {
        guarded(res, () -> send(res, "application/json", LedgerJson.bytes(route.answer(new QueryParams(req)))));
    }

    /** Runs {@code body}, turning an {@link ApiException} into its error object and anything else into a logged 500. */
    private static void guarded(ServerResponse res, Runnable body) {
        try {
            body.run();
        } catch (ApiException e) {
            res.status(e.status());
            send(res, "application/json", Json.error(e));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a ledger API request failed", e);
            res.status(Status.INTERNAL_SERVER_ERROR_500);
            send(res, "application/json", Json.error(ApiException.internal("internal error: " + e.getClass().getSimpleName())));
        }
    }

    private static void send(ServerResponse res, String contentType, byte[] body) {
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(body);
    }
}
