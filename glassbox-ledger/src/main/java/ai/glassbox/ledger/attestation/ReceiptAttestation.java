package ai.glassbox.ledger.attestation;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.signing.VerificationKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;

/**
 * The attestation of an inference receipt ({@code glassbox run --receipt FILE}): subjects are the
 * model file's SHA-256 and the receipt file's; the predicate is the receipt itself (prompt
 * tokens, sampling parameters, every step's token and logits digest, the final chain value). The
 * envelope is written beside the receipt as {@code FILE.dsse.json}.
 */
public final class ReceiptAttestation {
    /** The predicate type of an inference receipt, versioned. */
    public static final String PREDICATE_TYPE = "https://glassbox.ai/attestation/inference-receipt/v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private ReceiptAttestation() {}

    /** Where the envelope of {@code receipt} is written. */
    public static Path envelopeFile(Path receipt) {
        return receipt.resolveSibling(receipt.getFileName() + ".dsse.json");
    }

    /** The statement of a receipt file. @throws AttestationException if it is not a receipt */
    public static Statement statement(Path receipt) {
        byte[] bytes = read(receipt);
        JsonNode json;
        try {
            json = JSON.readTree(bytes);
        } catch (IOException e) {
            throw new AttestationException(receipt + " is not JSON: " + e.getMessage());
        }
        if (json == null || !json.path("modelSha256").isTextual() || !json.path("finalChain").isTextual() || !json.path("steps").isArray()) {
            throw new AttestationException(receipt + " is not an inference receipt (needs modelSha256, steps and finalChain)");
        }
        List<Statement.Subject> subjects = List.of(
                Statement.Subject.sha256("model", json.get("modelSha256").asText()),
                Statement.Subject.sha256(receipt.getFileName().toString(), Sha256.hex(bytes)));
        return new Statement(subjects, PREDICATE_TYPE, json);
    }

    /** Signs the receipt and writes its envelope beside it (replacing an older one atomically). */
    public static Envelope sign(Path receipt, SigningKey key) {
        Envelope env = Envelope.sign(Statement.PAYLOAD_TYPE, statement(receipt).canonicalBytes(), key);
        Path file = envelopeFile(receipt), tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try {
            Files.write(tmp, env.toJson());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AttestationException("cannot write " + file + ": " + e.getMessage());
        }
        return env;
    }

    /**
     * Checks the receipt's envelope: signed by one of {@code trusted}, of this predicate type, and
     * naming the receipt file's current SHA-256.
     *
     * @throws AttestationException or {@link ai.glassbox.ledger.signing.EnvelopeException} naming the problem
     */
    public static RunAttestation.Verified verify(Path receipt, Set<VerificationKey> trusted) {
        Envelope env = Envelope.parse(read(envelopeFile(receipt)));
        VerificationKey signer = env.verify(Statement.PAYLOAD_TYPE, trusted);
        Statement signed = Statement.parse(env.payload());
        if (!PREDICATE_TYPE.equals(signed.predicateType())) throw new AttestationException("predicateType is " + signed.predicateType() + ", expected " + PREDICATE_TYPE);
        Statement now = statement(receipt);
        if (!signed.subjects().equals(now.subjects())) {
            throw new AttestationException(receipt + " has changed since it was attested: SHA-256 " + now.subjects().get(1).digest().get("sha256")
                    + ", attested " + signed.subjects().stream().filter(s -> s.name().equals(receipt.getFileName().toString())).findFirst().map(s -> s.digest().get("sha256")).orElse("(another file)"));
        }
        return new RunAttestation.Verified(signer, signed);
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AttestationException("cannot read " + file + ": " + e.getMessage());
        }
    }
}
