package ai.glassbox.ledger.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.signing.EnvelopeException;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An inference receipt signed beside itself, verified, and refused once changed. */
class ReceiptAttestationTest {
    @TempDir
    Path dir;

    Path receipt;
    final SigningKey key = SigningKey.generate();

    @BeforeEach
    void writeReceipt() throws Exception {
        receipt = dir.resolve("r.json");
        Files.writeString(receipt, """
                {"format": "glassbox-receipt/1", "modelSha256": "%s", "promptTokens": [1, 2], "maxTokens": 2,
                 "steps": [{"token": 5, "logitsSha256": "%s", "chain": "%s"}], "finalChain": "%s"}
                """.formatted("a".repeat(64), "b".repeat(64), "c".repeat(64), "c".repeat(64)));
    }

    @Test
    void theStatementNamesTheModelAndTheReceiptAndCarriesIt() {
        Statement s = ReceiptAttestation.statement(receipt);
        assertEquals(ReceiptAttestation.PREDICATE_TYPE, s.predicateType());
        assertEquals("model", s.subjects().get(0).name());
        assertEquals("a".repeat(64), s.subjects().get(0).digest().get("sha256"));
        assertEquals("r.json", s.subjects().get(1).name());
        assertEquals(5, s.predicate().path("steps").get(0).path("token").asInt());
    }

    @Test
    void aSignedReceiptVerifiesAndAnyEditIsCaught() throws Exception {
        ReceiptAttestation.sign(receipt, key);
        assertTrue(Files.exists(dir.resolve("r.json.dsse.json")));
        assertEquals(key.publicKey(), ReceiptAttestation.verify(receipt, Set.of(key.publicKey())).signer());
        assertThrows(EnvelopeException.class, () -> ReceiptAttestation.verify(receipt, Set.of(SigningKey.generate().publicKey())));
        Files.writeString(receipt, Files.readString(receipt).replace("\"token\": 5", "\"token\": 6"));
        AttestationException e = assertThrows(AttestationException.class, () -> ReceiptAttestation.verify(receipt, Set.of(key.publicKey())));
        assertTrue(e.getMessage().startsWith(receipt + " has changed since it was attested"), e.getMessage());
    }

    @Test
    void aFileThatIsNotAReceiptIsRefused() throws Exception {
        Files.writeString(receipt, "{\"hello\": 1}");
        AttestationException e = assertThrows(AttestationException.class, () -> ReceiptAttestation.sign(receipt, key));
        assertEquals(receipt + " is not an inference receipt (needs modelSha256, steps and finalChain)", e.getMessage());
        Files.writeString(receipt, "not json");
        assertTrue(assertThrows(AttestationException.class, () -> ReceiptAttestation.sign(receipt, key)).getMessage().startsWith(receipt + " is not JSON"));
    }
}
