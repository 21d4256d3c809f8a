package ai.glassbox.server.publish;

import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.ClaimStatus;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.gap.ClaimSelection;
import ai.glassbox.ledger.gap.GapAnalysis;
import ai.glassbox.ledger.gap.GapSeries;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.ledger.store.SamplePage;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The routes under {@code /api} over one {@link Ledger}: read-only, except {@code POST /api/runs}
 * where the operator trusts a signer ({@link RunSubmissions}). Lists are pages
 * {@code {"items", "total", "limit", "offset"}}; a bad parameter is a 400 and an unknown item a
 * 404, both with the server's error object {@code {"error": {"message", "param", …}}}. Thread-safe
 * as the ledger is; the ledger stays the caller's to close.
 */
public final class PublishApi {
    private static final Logger LOG = Logger.getLogger(PublishApi.class.getName());
    private static final Pattern SAMPLES_FILE = Pattern.compile("samples_(.+)\\.jsonl");

    /** Every route, as the OpenAPI document writes its path. */
    public static final List<String> ROUTES = List.of(
            "/api/openapi.json", "/api/models", "/api/models/{name}", "/api/claims", "/api/gap", "/api/runs", "/api/runs/{index}",
            "/api/runs/{index}/samples", "/api/runs/{index}/files/{name}",
            "/api/log/checkpoint", "/api/log/key", "/api/log/entries/{index}", "/api/log/proof/inclusion", "/api/log/proof/consistency");

    /** A handler that answers with JSON, or throws {@link ApiException}. */
    @FunctionalInterface
    private interface JsonRoute {
        JsonNode answer(QueryParams params);
    }

    private final Ledger ledger;
    private final LedgerSnapshots snapshots;
    private final RunSubmissions submissions;
    private final byte[] openApi;

    /** Read-only: {@code POST /api/runs} answers 403. */
    public PublishApi(Ledger ledger) {
        this(ledger, RunSubmissions.NONE);
    }

    /** With {@code POST /api/runs} taking runs signed by the keys {@code submissions} trusts. */
    public PublishApi(Ledger ledger, RunSubmissions submissions) {
        this.ledger = ledger;
        this.snapshots = new LedgerSnapshots(ledger);
        this.submissions = submissions;
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
        routing.get("/api/gap", (req, res) -> json(req, res, this::gap));
        routing.get("/api/runs", (req, res) -> json(req, res, this::runs));
        routing.post("/api/runs", this::submit);
        routing.get("/api/runs/{index}", (req, res) -> json(req, res, this::run));
        routing.get("/api/runs/{index}/samples", (req, res) -> json(req, res, this::samples));
        routing.get("/api/runs/{index}/files/{name}", (req, res) -> guarded(res, () -> send(res, "application/x-ndjson", sampleFile(new QueryParams(req)))));
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
        LedgerSnapshot snap = snapshots.current();
        List<ModelFact> matching = snap.models().stream()
                .filter(m -> weights.map(w -> m.weights() == w).orElse(true))
                .filter(m -> organization.map(o -> m.organization().equalsIgnoreCase(o)).orElse(true))
                .toList();
        List<ObjectNode> items = LedgerJson.slice(matching, page).stream().map(m -> {
            ObjectNode o = LedgerJson.fact(m);
            o.put("claims", snap.claimCount(m.model()));
            o.put("runs", snap.runCount(m.model()));
            return o;
        }).toList();
        return LedgerJson.page(items, matching.size(), page);
    }

    /** A model's facts, the claims about its variants with their status, and the runs of it. */
    private JsonNode model(QueryParams q) {
        String name = q.path("name");
        LedgerSnapshot snap = snapshots.current();
        ModelFact fact = snap.model(name)
                .orElseThrow(() -> ApiException.notFound("name", "no model named \"" + name + "\" in the ledger; GET /api/models lists them"));
        Predicate<Optional<ModelFact>> isThis = f -> f.map(m -> m.model().equals(name)).orElse(false);
        ObjectNode o = LedgerJson.fact(fact);
        o.putArray("claims").addAll(snap.claims().stream().filter(a -> isThis.test(snap.factOf(a.claim()))).map(snap::claimJson).toList());
        o.putArray("runs").addAll(snap.runs().stream().filter(r -> isThis.test(snap.factOf(r))).map(LedgerJson::run).toList());
        return o;
    }

    private JsonNode claims(QueryParams q) {
        Optional<String> model = q.text("model"), benchmark = q.text("benchmark");
        Optional<ClaimStatus> status = q.text("status").map(s -> {
            for (ClaimStatus c : ClaimStatus.values()) if (c.name().toLowerCase(Locale.ROOT).equals(s)) return c;
            throw ApiException.invalid("status", "status is \"" + s + "\"; expected verified, disputed or unverified");
        });
        ClaimSelection selection = claimedBy(q);
        QueryParams.Page page = q.page();
        LedgerSnapshot snap = snapshots.current();
        Predicate<ClaimAssessment> keep = a -> model.map(a.claim().model()::equals).orElse(true)
                && benchmark.map(a.claim().benchmark()::equals).orElse(true)
                && status.map(s -> a.status() == s).orElse(true)
                && selection.test(a.claim());
        List<ClaimAssessment> matching = snap.claims().stream().filter(keep).toList();
        return LedgerJson.page(LedgerJson.slice(matching, page).stream().map(snap::claimJson).toList(), matching.size(), page);
    }

    /** {@code claimed_by}: all (the default), vendor or third-party. */
    private static ClaimSelection claimedBy(QueryParams q) {
        return q.text("claimed_by").map(c -> switch (c) {
            case "all" -> ClaimSelection.ALL;
            case "vendor" -> ClaimSelection.VENDOR;
            case "third-party" -> ClaimSelection.THIRD_PARTY;
            default -> throw ApiException.invalid("claimed_by", "claimed_by is \"" + c + "\"; expected all, vendor or third-party");
        }).orElse(ClaimSelection.ALL);
    }

    /** How far open models trail closed ones per benchmark, as of {@code today} (default: today in UTC). */
    private JsonNode gap(QueryParams q) {
        LocalDate today = q.date("today").orElse(LocalDate.now(ZoneOffset.UTC));
        ClaimSelection selection = claimedBy(q);
        Optional<String> benchmark = q.text("benchmark");
        LedgerSnapshot snap = snapshots.current();
        String claimedBy = q.text("claimed_by").orElse("all");
        if (benchmark.isEmpty()) return snap.gapJson(today, selection, claimedBy);
        GapAnalysis gap = snap.gap(today, selection);
        GapSeries series = gap.series(benchmark.get()).orElseThrow(() -> ApiException.notFound("benchmark",
                "no gap for benchmark \"" + benchmark.get() + "\": it needs both an open and a closed claim released by " + today + "; benchmarks with one: "
                        + gap.series().stream().map(GapSeries::benchmark).collect(Collectors.joining(", "))));
        return GapJson.of(gap, claimedBy, List.of(series));
    }

    private JsonNode runs(QueryParams q) {
        QueryParams.Page page = q.page();
        List<Ledger.Run> runs = snapshots.current().runs();
        return LedgerJson.page(LedgerJson.slice(runs, page).stream().map(LedgerJson::run).toList(), runs.size(), page);
    }

    /** A run with its stored samples per task, its DSSE envelope and the in-toto statement the envelope signs. */
    private JsonNode run(QueryParams q) {
        long index = q.pathIndex("index");
        Ledger.Run run = knownRun(index);
        byte[] envelope = ledger.log().entry(index).bytes();
        ObjectNode o = LedgerJson.run(run);
        ObjectNode samples = o.putObject("samples");
        ledger.sampleCounts(index).forEach(samples::put);
        o.set("envelope", LedgerJson.parsed(envelope));
        o.set("statement", LedgerJson.parsed(Envelope.parse(envelope).payload()));
        return o;
    }

    private Ledger.Run knownRun(long index) {
        return ledger.run(index).orElseThrow(() -> ApiException.notFound("index", "the log holds no run at index " + index));
    }

    /** A page of a run's samples, of one task or of all by task, each record parsed. */
    private JsonNode samples(QueryParams q) {
        long index = q.pathIndex("index");
        Optional<String> task = q.text("task");
        QueryParams.Page page = q.page();
        knownRun(index);
        Map<String, Long> counts = ledger.sampleCounts(index);
        if (task.isPresent() && !counts.containsKey(task.get())) {
            throw ApiException.invalid("task", "run " + index + " has no samples of task \"" + task.get() + "\"; "
                    + (counts.isEmpty() ? "the ledger stores none of its samples" : "its tasks are " + String.join(", ", counts.keySet())));
        }
        SamplePage samples = ledger.samples(index, task, page.offset(), page.limit());
        return LedgerJson.page(samples.items().stream().map(LedgerJson::sample).toList(), samples.total(), page);
    }

    /** A run's {@code samples_TASK.jsonl}, rebuilt to the exact bytes its statement signs. */
    private byte[] sampleFile(QueryParams q) {
        long index = q.pathIndex("index");
        String name = q.path("name");
        knownRun(index);
        Matcher m = SAMPLES_FILE.matcher(name);
        return (m.matches() ? ledger.sampleFile(index, m.group(1)) : Optional.<byte[]>empty())
                .orElseThrow(() -> ApiException.notFound("name", "run " + index + " has no file \"" + name + "\"; it serves the samples_TASK.jsonl of the tasks GET /api/runs/" + index + " lists"));
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

    /** {@code POST /api/runs}: a signed run, verified against the trusted keys before it is appended; 201 with its place in the log. */
    private void submit(ServerRequest req, ServerResponse res) {
        guarded(res, () -> {
            byte[] answer = LedgerJson.bytes(submissions.submit(ledger, RunSubmissions.read(req.content().inputStream())));
            res.status(Status.CREATED_201);
            send(res, "application/json", answer);
        });
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
