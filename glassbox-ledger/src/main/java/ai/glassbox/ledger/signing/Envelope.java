package ai.glassbox.ledger.signing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * A DSSE envelope (github.com/secure-systems-lab/dsse, protocol v1): a payload, its type, and
 * signatures over the pre-authentication encoding
 * {@code "DSSEv1" SP LEN(type) SP type SP LEN(payload) SP payload}, so a signature can never be
 * replayed for a payload of another type.
 */
public record Envelope(String payloadType, byte[] payload, List<Signature> signatures) {
    /** One signature and the id of the key that made it. */
    public record Signature(String keyId, byte[] sig) {
        public Signature {
            sig = sig.clone();
        }

        @Override
        public byte[] sig() {
            return sig.clone();
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    public Envelope {
        if (payloadType.isEmpty()) throw new EnvelopeException("the envelope has an empty payloadType");
        payload = payload.clone();
        signatures = List.copyOf(signatures);
    }

    @Override
    public byte[] payload() {
        return payload.clone();
    }

    /** Signs {@code payload} with {@code key}. */
    public static Envelope sign(String payloadType, byte[] payload, SigningKey key) {
        byte[] sig = key.sign(pae(payloadType, payload));
        return new Envelope(payloadType, payload, List.of(new Signature(key.publicKey().keyId(), sig)));
    }

    /** DSSE's pre-authentication encoding. */
    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        byte[] head = ("DSSEv1 " + type.length + " " + payloadType + " " + payload.length + " ").getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[head.length + payload.length];
        System.arraycopy(head, 0, out, 0, head.length);
        System.arraycopy(payload, 0, out, head.length, payload.length);
        return out;
    }

    /**
     * The key among {@code trusted} whose signature verifies, for an envelope of {@code expectedType}.
     *
     * @throws EnvelopeException naming why: another payload type, no signature by a trusted key, or
     *     a signature that does not verify
     */
    public VerificationKey verify(String expectedType, Set<VerificationKey> trusted) {
        if (!payloadType.equals(expectedType)) throw new EnvelopeException("payloadType is " + payloadType + ", expected " + expectedType);
        if (signatures.isEmpty()) throw new EnvelopeException("the envelope has no signatures");
        byte[] message = pae(payloadType, payload);
        List<String> reasons = new ArrayList<>();
        for (Signature s : signatures) {
            for (VerificationKey k : trusted) {
                if (!s.keyId().isEmpty() && !s.keyId().equals(k.keyId())) continue;
                if (k.verifies(message, s.sig)) return k;
                reasons.add("the signature by " + k.keyId() + " does not verify (payload or signature altered)");
            }
            if (trusted.stream().noneMatch(k -> s.keyId().isEmpty() || s.keyId().equals(k.keyId()))) reasons.add("key " + s.keyId() + " is not trusted");
        }
        throw new EnvelopeException(String.join("; ", reasons));
    }

    /** The envelope as DSSE's JSON: {@code payloadType}, base64 {@code payload}, {@code signatures}. */
    public byte[] toJson() {
        ObjectNode root = JSON.createObjectNode();
        root.put("payloadType", payloadType);
        root.put("payload", Base64.getEncoder().encodeToString(payload));
        var sigs = root.putArray("signatures");
        for (Signature s : signatures) sigs.addObject().put("keyid", s.keyId()).put("sig", Base64.getEncoder().encodeToString(s.sig));
        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads DSSE's JSON. @throws EnvelopeException naming the field that is missing or malformed */
    public static Envelope parse(byte[] json) {
        JsonNode root;
        try {
            root = JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new EnvelopeException("the envelope is not JSON: " + e.getMessage());
        }
        if (root == null || !root.isObject()) throw new EnvelopeException("the envelope must be a JSON object");
        String type = text(root, "payloadType");
        byte[] payload = base64(text(root, "payload"), "payload");
        JsonNode sigs = root.get("signatures");
        if (sigs == null || !sigs.isArray()) throw new EnvelopeException("the envelope has no 'signatures' array");
        List<Signature> out = new ArrayList<>();
        for (int i = 0; i < sigs.size(); i++) {
            JsonNode s = sigs.get(i);
            if (!s.isObject()) throw new EnvelopeException("signatures[" + i + "] must be an object");
            JsonNode keyId = s.get("keyid");
            if (keyId != null && !keyId.isTextual()) throw new EnvelopeException("signatures[" + i + "].keyid must be a string");
            out.add(new Signature(keyId == null ? "" : keyId.asText(), base64(text(s, "sig"), "signatures[" + i + "].sig")));
        }
        return new Envelope(type, payload, out);
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) throw new EnvelopeException("the envelope's '" + field + "' is missing or not a string");
        return v.asText();
    }

    /** DSSE allows standard or URL-safe base64. */
    private static byte[] base64(String s, String field) {
        try {
            return s.indexOf('-') >= 0 || s.indexOf('_') >= 0 ? Base64.getUrlDecoder().decode(s) : Base64.getDecoder().decode(s);
        } catch (IllegalArgumentException e) {
            throw new EnvelopeException("'" + field + "' is not base64: " + e.getMessage());
        }
    }
}
