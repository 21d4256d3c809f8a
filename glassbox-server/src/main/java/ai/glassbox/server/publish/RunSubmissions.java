package ai.glassbox.server.publish;

import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.Statement;
import ai.glassbox.ledger.log.DuplicateEntryException;
import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.signing.EnvelopeException;
import ai.glassbox.ledger.signing.VerificationKey;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.openai.ApiException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code POST /api/runs}: a signed run submitted to this ledger. Only runs signed by a key the
 * operator trusts are taken; the signature and every sample file's digest are verified before
 * anything is appended, and a refusal names what failed. The body is
 * {@code {"envelope": base64 of attestation.dsse.json's exact bytes, "samples": {"samples_TASK.jsonl": base64, …}}}.
 *
 * @param trusted the signers whose runs are accepted; empty turns submissions off
 * @param logSigner the key the log signs its checkpoints with
 */
public record RunSubmissions(List<VerificationKey> trusted, NoteSigner logSigner) {
    /** Submissions off: every one is refused with 403. */
    public static final RunSubmissions NONE = new RunSubmissions(List.of(), null);

    public RunSubmissions {
        trusted = List.copyOf(trusted);
        if (!trusted.isEmpty()) java.util.Objects.requireNonNull(logSigner, "a ledger that takes submissions needs a key to sign its checkpoints");
    }

    /** Verifies and appends one submission; answers {@code {"log_index", "tree_size", "checkpoint"}}. */
    ObjectNode submit(Ledger ledger, byte[] body) {
        if (trusted.isEmpty()) {
            throw ApiException.forbidden(null, "this ledger takes no submissions: its operator starts glassbox up with --trust PUB.pem to accept runs signed by that key");
        }
        JsonNode root = LedgerJson.parsed(body);
        if (!root.isObject()) throw ApiException.badRequest("the body must be a JSON object {\"envelope\": base64, \"samples\": {name: base64}}");
        byte[] envelope = base64(root.path("envelope"), "envelope");
        Map<String, byte[]> samples = new LinkedHashMap<>();
        JsonNode files = root.path("samples");
        if (!files.isMissingNode() && !files.isObject()) throw ApiException.invalid("samples", "samples must be an object of file name to base64 content");
        for (Map.Entry<String, JsonNode> f : files.properties()) samples.put(f.getKey(), base64(f.getValue(), "samples." + f.getKey()));
        VerificationKey signer;
        try {
            signer = Envelope.parse(envelope).verify(Statement.PAYLOAD_TYPE, Set.copyOf(trusted));
        } catch (EnvelopeException e) {
            throw ApiException.unverifiable("envelope", "the envelope does not verify: " + e.getMessage());
        }
        try {
            Ledger.Recorded recorded = ledger.recordRun(envelope, signer, logSigner, samples);
            ObjectNode o = LedgerJson.MAPPER.createObjectNode();
            o.put("log_index", recorded.logIndex());
            o.put("tree_size", recorded.appended().checkpoint().size());
            o.put("checkpoint", recorded.appended().signedCheckpoint());
            return o;
        } catch (DuplicateEntryException e) {
            throw ApiException.conflict("the log already holds this run, at index " + e.index());
        } catch (AttestationException | EnvelopeException e) {
            throw ApiException.unverifiable("envelope", "the run does not verify: " + e.getMessage());
        }
    }

    private static byte[] base64(JsonNode n, String param) {
        if (!n.isTextual()) throw ApiException.invalid(param, param + " must be a base64 string");
        try {
            return Base64.getDecoder().decode(n.asText());
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(param, param + " is not base64: " + e.getMessage());
        }
    }

    static byte[] read(java.io.InputStream in) {
        try {
            return in.readAllBytes();
        } catch (IOException e) {
            throw ApiException.badRequest("the request body could not be read: " + e.getMessage());
        }
    }
}
