package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CheckpointTest {
    // The example note text of https://c2sp.org/tlog-checkpoint.
    private static final String EXAMPLE = "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n";

    @Test
    void parsesTheSpecExample() {
        Checkpoint c = Checkpoint.parse(EXAMPLE);
        assertEquals("example.com/behind-the-sofa", c.origin());
        assertEquals(20852163, c.size());
        assertEquals("CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", Base64.getEncoder().encodeToString(c.root().bytes()));
        assertEquals(List.of(), c.extensions());
        assertEquals(EXAMPLE, c.body());
    }

    @Test
    void bodyRoundTripsWithExtensionLinesAndTheEmptyTree() {
        Checkpoint c = new Checkpoint("glassbox.ai/ledger", 0, MerkleHash.EMPTY_ROOT, List.of("ext one", "x"));
        assertEquals("glassbox.ai/ledger\n0\n47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=\next one\nx\n", c.body());
        assertEquals(c, Checkpoint.parse(c.body()));
        Checkpoint big = new Checkpoint("o", Long.MAX_VALUE, MerkleHash.leaf(new byte[0]));
        assertEquals(big, Checkpoint.parse(big.body()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"01", "00", "+1", "-1", " 1", "1 ", "1e3", "0x10", "１", "9223372036854775808", "99999999999999999999"})
    void rejectsNonCanonicalOrOverflowingSizes(String size) {
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.parse("origin\n" + size + "\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I", // padding missing
        "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2J=", // stray low bits: not the canonical encoding
        "CsUYapGGPo4dkMgIAUqom_Xajj7h2fB2MPA3j2jxq2I=", // URL-safe alphabet
        "CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=AA==", // data after padding
        "!!!!",
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", // 31 bytes
        "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", // 33 bytes
    })
    void rejectsRootsThatAreNotCanonicalBase64Of32Bytes(String root) {
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.parse("origin\n5\n" + root + "\n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "", "\n", "origin\n", "origin\n5\n", // missing lines
        "example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=", // no final newline
        "\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n", // empty origin
        "o\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n", // empty extension line
        "o\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n\n— o sig\n", // a signed note, not a body
    })
    void rejectsMissingOrEmptyLines(String body) {
        assertThrows(CheckpointFormatException.class, () -> Checkpoint.parse(body));
    }

    @Test
    void constructorRejectsValuesThatCannotBeLines() {
        assertThrows(CheckpointFormatException.class, () -> new Checkpoint("", 1, MerkleHash.EMPTY_ROOT));
        assertThrows(CheckpointFormatException.class, () -> new Checkpoint("a\nb", 1, MerkleHash.EMPTY_ROOT));
        assertThrows(CheckpointFormatException.class, () -> new Checkpoint("o", -1, MerkleHash.EMPTY_ROOT));
        assertThrows(CheckpointFormatException.class, () -> new Checkpoint("o", 1, MerkleHash.EMPTY_ROOT, List.of("")));
    }
}
