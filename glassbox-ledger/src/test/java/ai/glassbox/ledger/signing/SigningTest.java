package ai.glassbox.ledger.signing;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ed25519 against RFC 8032's test vector, key files, and DSSE envelopes against tampering. */
class SigningTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final String TYPE = "application/vnd.in-toto+json";

    @TempDir
    Path tmp;

    /** RFC 8032 §7.1, TEST 1: the empty message. */
    @Test
    void signsAsRfc8032Says() throws Exception {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        Path file = tmp.resolve("rfc8032.key");
        byte[] pkcs8 = concat(HEX.parseHex("302e020100300506032b657004220420"), seed);
        Files.writeString(file, "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getEncoder().encodeToString(pkcs8) + "\n-----END PRIVATE KEY-----\n");
        SigningKey key = SigningKey.load(file);
        assertArrayEquals(concat(HEX.parseHex("302a300506032b6570032100"), HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a")),
                key.publicKey().der(), "public key derived from the seed");
        assertEquals("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
                HEX.formatHex(key.sign(new byte[0])));
    }

    /** The same RFC 8032 vector, from the raw seed and to the raw public key that signed notes carry. */
    @Test
    void rawSeedsAndPublicKeysMatchRfc8032() {
        SigningKey key = SigningKey.fromSeed(HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"));
        byte[] raw = HEX.parseHex("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
        assertArrayEquals(raw, key.publicKey().raw());
        assertEquals(key.publicKey(), VerificationKey.fromRaw(raw));
        assertTrue(key.publicKey().verifies(new byte[0], key.sign(new byte[0])));
        assertThrows(KeyException.class, () -> SigningKey.fromSeed(new byte[31]));
        assertThrows(KeyException.class, () -> VerificationKey.fromRaw(new byte[33]));
    }

    @Test
    void keyFilesAreOwnerOnlyAndNeverOverwritten() throws Exception {
        SigningKey key = SigningKey.generate();
        Path file = tmp.resolve("keys/signing.key");
        key.save(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(key.publicKey(), SigningKey.load(file).publicKey());
        assertEquals(key.publicKey(), VerificationKey.load(Path.of(file + ".pub")));
        assertThrows(java.nio.file.FileAlreadyExistsException.class, () -> SigningKey.generate().save(file));
        assertTrue(!key.toString().contains("PRIVATE"), "the secret never shows in toString");
        Path junk = tmp.resolve("junk.key");
        Files.writeString(junk, "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");
        var e = assertThrows(KeyException.class, () -> SigningKey.load(junk));
        assertTrue(e.getMessage().contains("junk.key"), e.getMessage());
    }

    @Test
    void preAuthenticationEncodingIsDssesExample() {
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world",
                new String(Envelope.pae("http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)), StandardCharsets.UTF_8));
    }

    @Test
    void envelopesVerifyOnlyUntouchedAndByTrustedKeys() {
        SigningKey key = SigningKey.generate();
        byte[] payload = "{\"_type\":\"https://in-toto.io/Statement/v1\"}".getBytes(StandardCharsets.UTF_8);
        Envelope env = Envelope.parse(Envelope.sign(TYPE, payload, key).toJson());
        assertEquals(key.publicKey(), env.verify(TYPE, Set.of(key.publicKey())));

        byte[] tampered = payload.clone();
        tampered[3] ^= 1;
        var altered = new Envelope(TYPE, tampered, env.signatures());
        assertTrue(assertThrows(EnvelopeException.class, () -> altered.verify(TYPE, Set.of(key.publicKey()))).getMessage().contains("does not verify"));

        SigningKey other = SigningKey.generate();
        assertTrue(assertThrows(EnvelopeException.class, () -> env.verify(TYPE, Set.of(other.publicKey()))).getMessage().contains("not trusted"));

        // a signature cannot be replayed for another payload type: the type is signed with the payload
        var retyped = new Envelope("text/plain", payload, env.signatures());
        assertThrows(EnvelopeException.class, () -> retyped.verify("text/plain", Set.of(key.publicKey())));
        assertThrows(EnvelopeException.class, () -> env.verify("text/plain", Set.of(key.publicKey())));

        byte[] sig = env.signatures().getFirst().sig();
        sig[0] ^= (byte) 0x80;
        var badSig = new Envelope(TYPE, payload, List.of(new Envelope.Signature(key.publicKey().keyId(), sig)));
        assertThrows(EnvelopeException.class, () -> badSig.verify(TYPE, Set.of(key.publicKey())));
        var noSig = new Envelope(TYPE, payload, List.of());
        assertTrue(assertThrows(EnvelopeException.class, () -> noSig.verify(TYPE, Set.of(key.publicKey()))).getMessage().contains("no signatures"));
    }

    @Test
    void malformedEnvelopesNameWhatIsWrong() {
        for (String[] c : new String[][] {
                {"not json", "not JSON"},
                {"[]", "JSON object"},
                {"{\"payload\":\"e30=\",\"signatures\":[]}", "payloadType"},
                {"{\"payloadType\":\"t\",\"payload\":\"***\",\"signatures\":[]}", "payload"},
                {"{\"payloadType\":\"t\",\"payload\":\"e30=\"}", "signatures"},
                {"{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":\"k\"}]}", "sig"},
                {"{\"payloadType\":\"t\",\"payload\":\"e30=\",\"signatures\":[{\"keyid\":5,\"sig\":\"AA==\"}]}", "keyid"}}) {
            var e = assertThrows(EnvelopeException.class, () -> Envelope.parse(c[0].getBytes(StandardCharsets.UTF_8)), c[0]);
            assertTrue(e.getMessage().contains(c[1]), c[0] + " -> " + e.getMessage());
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
