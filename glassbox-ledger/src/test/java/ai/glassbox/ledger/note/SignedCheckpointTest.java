package ai.glassbox.ledger.note;

import static ai.glassbox.ledger.note.Rejections.assertRejected;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.merkle.Checkpoint;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.MerkleHash;
import ai.glassbox.ledger.note.NoteException.Reason;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Checkpoints signed as notes: round trips, the origin rule, tampering, and random checkpoints. */
class SignedCheckpointTest {
    static final long SEED = Long.getLong("glassbox.note.seed", 8032L);
    static final String REPRO = "reproduce with -Dglassbox.note.seed=" + SEED + " -Dtest=SignedCheckpointTest";
    private static final String ORIGIN = "example.com/behind-the-sofa";
    private static final Hash ROOT = hash("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=");
    private static final NoteSigner LOG = new NoteSigner(ORIGIN, SigningKey.fromSeed(new byte[32]));

    @Test
    void signedCheckpointsRoundTrip() {
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 20852163, ROOT);
        SignedCheckpoint signed = SignedCheckpoint.sign(checkpoint, LOG);
        String text = signed.render();
        assertTrue(text.startsWith("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— example.com/behind-the-sofa "), text);
        SignedCheckpoint opened = SignedCheckpoint.open(text, LOG.verifier());
        assertEquals(checkpoint, opened.checkpoint());
        assertEquals(signed, opened);
        assertEquals(text, opened.render());
        assertEquals(opened, new CheckpointVerifier(LOG.verifier()).open(text));
    }

    @Test
    void aCheckpointByAnotherKeyOrWithTheSignatureAlteredIsRejected() {
        String text = SignedCheckpoint.sign(new Checkpoint(ORIGIN, 5, ROOT), LOG).render();
        NoteSigner impostor = new NoteSigner(ORIGIN, SigningKey.generate());
        assertRejected(Reason.UNKNOWN_KEY, () -> SignedCheckpoint.open(text, impostor.verifier()), "another key with the log's name");
        String forgedSize = text.replaceFirst("\n5\n", "\n6\n");
        assertRejected(Reason.BAD_SIGNATURE, () -> SignedCheckpoint.open(forgedSize, LOG.verifier()), "size changed");
        assertRejected(Reason.MALFORMED, () -> SignedCheckpoint.open(text.substring(0, text.length() - 1), LOG.verifier()), "truncated");
    }

    @Test
    void theOriginMustBeTheLogKeyName() {
        Checkpoint other = new Checkpoint("other.example/log", 5, ROOT);
        var e = assertThrows(IllegalArgumentException.class, () -> SignedCheckpoint.sign(other, LOG));
        assertTrue(e.getMessage().contains("other.example/log"), e.getMessage());
        // The log's key signing another origin's body, as a bare note: signature fine, origin wrong.
        String misnamed = SignedNote.sign(other.body(), LOG).render();
        var wrong = assertRejected(Reason.WRONG_ORIGIN, () -> SignedCheckpoint.open(misnamed, LOG.verifier()), "other origin");
        assertTrue(wrong.getMessage().contains("other.example/log"), wrong.getMessage());
    }

    @Test
    void aSignedNoteThatIsNotACheckpointIsRejectedAfterItsSignatureVerifies() {
        for (String text : new String[] {"hello\n", ORIGIN + "\n5\n", ORIGIN + "\n05\n" + base64(ROOT) + "\n", ORIGIN + "\n5\n" + base64(ROOT) + "\n\next\n"}) {
            String note = SignedNote.sign(text, LOG).render();
            assertRejected(Reason.NOT_A_CHECKPOINT, () -> SignedCheckpoint.open(note, LOG.verifier()), text);
            // Unverified text is never read as a checkpoint: by an unknown key the reason is the key.
            assertRejected(Reason.UNKNOWN_KEY, () -> SignedCheckpoint.open(note, new NoteSigner(ORIGIN, SigningKey.generate()).verifier()), text);
        }
    }

    @Test
    void witnessCosignaturesAreCarriedAndIgnored() {
        NoteSigner witness = new NoteSigner("witness.example/w1", SigningKey.generate());
        Checkpoint checkpoint = new Checkpoint(ORIGIN, 7, ROOT);
        String cosigned = SignedNote.sign(checkpoint.body(), LOG, witness).render();
        SignedCheckpoint opened = SignedCheckpoint.open(cosigned, LOG.verifier());
        assertEquals(checkpoint, opened.checkpoint());
        assertEquals(2, opened.note().signatures().size());
        assertEquals(cosigned, opened.render());
    }

    @Test
    void partsThatDisagreeCannotBeCombined() {
        SignedNote note = SignedNote.sign(new Checkpoint(ORIGIN, 5, ROOT).body(), LOG);
        assertThrows(IllegalArgumentException.class, () -> new SignedCheckpoint(new Checkpoint(ORIGIN, 6, ROOT), note));
    }

    @Test
    void randomCheckpointsRoundTripAndRejectAnySingleByteChange() {
        System.out.println("SignedCheckpointTest seed: -Dglassbox.note.seed=" + SEED);
        SplittableRandom random = new SplittableRandom(SEED);
        for (int round = 0; round < 200; round++) {
            Checkpoint checkpoint = randomCheckpoint(random);
            byte[] seed = new byte[32];
            random.nextBytes(seed);
            NoteSigner log = new NoteSigner(checkpoint.origin(), SigningKey.fromSeed(seed));
            String what = "round " + round + " " + checkpoint + "; " + REPRO;

            String text = SignedCheckpoint.sign(checkpoint, log).render();
            SignedCheckpoint opened = SignedCheckpoint.open(text, log.verifier());
            assertEquals(checkpoint, opened.checkpoint(), what);
            assertEquals(text, opened.render(), what);

            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            for (int k = 0; k < 8; k++) {
                int at = random.nextInt(bytes.length);
                byte[] changed = bytes.clone();
                changed[at] ^= (byte) random.nextInt(1, 256);
                assertRejected(() -> SignedCheckpoint.open(new String(changed, StandardCharsets.UTF_8), log.verifier()),
                        () -> "byte " + at + " changed in " + what);
                assertRejected(() -> SignedNote.parse(changed).verify(List.of(log.verifier())), () -> "byte " + at + " changed in " + what);
            }
        }
    }

    /** Origins drawn from key-name characters (some beyond ASCII), with occasional extension lines. */
    static Checkpoint randomCheckpoint(SplittableRandom random) {
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789./-_é日—";
        StringBuilder origin = new StringBuilder();
        for (int i = random.nextInt(1, 30); i > 0; i--) origin.append(alphabet.charAt(random.nextInt(alphabet.length())));
        long size = switch (random.nextInt(4)) {
            case 0 -> random.nextLong(0, 3);
            case 1 -> Long.MAX_VALUE - random.nextLong(0, 3);
            default -> random.nextLong(0, Long.MAX_VALUE);
        };
        byte[] root = new byte[Hash.LENGTH];
        random.nextBytes(root);
        List<String> extensions = new ArrayList<>();
        if (random.nextInt(4) == 0) {
            for (int i = random.nextInt(1, 3); i > 0; i--) extensions.add("ext " + random.nextInt() + " é");
        }
        return new Checkpoint(origin.toString(), size, size == 0 ? MerkleHash.EMPTY_ROOT : new Hash(root), extensions);
    }

    private static Hash hash(String base64) {
        return new Hash(java.util.Base64.getDecoder().decode(base64));
    }

    private static String base64(Hash hash) {
        return java.util.Base64.getEncoder().encodeToString(hash.bytes());
    }
}
