package ai.glassbox.ledger.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An in-toto Statement v1 (github.com/in-toto/attestation, spec v1): what was attested
 * ({@code subject}: names with digests) and what is claimed about it ({@code predicateType},
 * {@code predicate}). Its bytes are the canonical JSON of RFC 8785, so its digest is stable.
 */
public record Statement(List<Subject> subjects, String predicateType, JsonNode predicate) {
    public static final String TYPE = "https://in-toto.io/Statement/v1";
    /** DSSE payload type of a statement. */
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A resource and its digests by algorithm ({@code sha256} → lowercase hex). */
    public record Subject(String name, Map<String, String> digest) {
        public Subject {
            if (name.isEmpty()) throw new IllegalArgumentException("a subject needs a name");
            if (digest.isEmpty()) throw new IllegalArgumentException("subject " + name + " has no digest");
            digest = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(digest));
        }

        public static Subject sha256(String name, String hex) {
            if (!hex.matches("[0-9a-f]{64}")) throw new IllegalArgumentException("subject " + name + ": not a SHA-256 hex digest: " + hex);
            return new Subject(name, Map.of("sha256", hex));
        }
    }

    public Statement {
        subjects = List.copyOf(subjects);
        if (subjects.isEmpty()) throw new IllegalArgumentException("a statement needs at least one subject");
        if (predicateType.isEmpty()) throw new IllegalArgumentException("a statement needs a predicate type");
        predicate = predicate.deepCopy();
    }

    @Override
    public JsonNode predicate() {
        return predicate.deepCopy();
    }

    public JsonNode toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("_type", TYPE);
        var subject = root.putArray("subject");
        for (Subject s : subjects) {
            ObjectNode n = subject.addObject().put("name", s.name());
            ObjectNode d = n.putObject("digest");
            s.digest().forEach(d::put);
        }
        root.put("predicateType", predicateType);
        root.set("predicate", predicate.deepCopy());
        return root;
    }

    /** The canonical bytes: what is signed and hashed. */
    public byte[] canonicalBytes() {
        return CanonicalJson.bytes(toJson());
    }

    /** Reads a statement. @throws AttestationException naming what is missing or malformed */
    public static Statement parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AttestationException("the statement is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new AttestationException("the statement must be a JSON object");
        if (!TYPE.equals(root.path("_type").asText())) throw new AttestationException("_type is '" + root.path("_type").asText() + "', expected " + TYPE);
        JsonNode subject = root.get("subject");
        if (subject == null || !subject.isArray() || subject.isEmpty()) throw new AttestationException("the statement has no subjects");
        List<Subject> subjects = new ArrayList<>();
        for (int i = 0; i < subject.size(); i++) {
            JsonNode s = subject.get(i);
            JsonNode d = s.path("digest");
            if (!s.path("name").isTextual() || !d.isObject() || d.isEmpty()) throw new AttestationException("subject[" + i + "] needs a name and a digest");
            Map<String, String> digest = new TreeMap<>();
            d.fields().forEachRemaining(e -> digest.put(e.getKey(), e.getValue().asText()));
            subjects.add(new Subject(s.get("name").asText(), digest));
        }
        if (!root.path("predicateType").isTextual()) throw new AttestationException("the statement has no predicateType");
        JsonNode predicate = root.get("predicate");
        if (predicate == null || !predicate.isObject()) throw new AttestationException("the statement has no predicate object");
        return new Statement(subjects, root.get("predicateType").asText(), predicate);
    }
}
