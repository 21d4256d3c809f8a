package ai.glassbox.ledger.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class HashTest {
    private static final String HEX = "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d";

    @Test
    void hashIsExactly32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> new Hash(new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> new Hash(new byte[33]));
        assertThrows(IllegalArgumentException.class, () -> Hash.ofHex(HEX.substring(2)));
        assertThrows(NullPointerException.class, () -> new Hash(null));
    }

    @Test
    void bytesAreCopiedInAndOut() {
        byte[] bytes = HexFormat.of().parseHex(HEX);
        Hash hash = new Hash(bytes);
        bytes[0] = 0;
        hash.bytes()[1] = 0;
        assertEquals(HEX, hash.hex());
    }

    @Test
    void equalityIsByContentAndToStringIsHex() {
        assertEquals(Hash.ofHex(HEX), new Hash(HexFormat.of().parseHex(HEX)));
        assertEquals(Hash.ofHex(HEX).hashCode(), Hash.ofHex(HEX.toUpperCase()).hashCode());
        assertNotEquals(Hash.ofHex(HEX), MerkleHash.EMPTY_ROOT);
        assertEquals(HEX, Hash.ofHex(HEX).toString());
    }

    @Test
    void leafAndNodeHashesAreDomainSeparated() {
        // RFC 9162 §2.1.1: the leaf hash of the empty entry is SHA-256(0x00).
        assertEquals(HEX, MerkleHash.leaf(new byte[0]).hex());
        Hash a = MerkleHash.leaf(new byte[] {1});
        Hash b = MerkleHash.leaf(new byte[] {2});
        byte[] concatenated = new byte[64];
        System.arraycopy(a.bytes(), 0, concatenated, 0, 32);
        System.arraycopy(b.bytes(), 0, concatenated, 32, 32);
        assertNotEquals(MerkleHash.leaf(concatenated), MerkleHash.node(a, b));
        assertEquals(MerkleHash.node(a, b), MerkleHash.mth(List.of(a, b)));
    }

    @Test
    void packedNodeHashEqualsNodeHash() {
        Hash a = MerkleHash.leaf(new byte[] {1});
        Hash b = MerkleHash.leaf(new byte[] {2});
        byte[] packed = new byte[96];
        a.copyTo(packed, 0);
        b.copyTo(packed, 32);
        MerkleHash.node(packed, 0, 32, packed, 64);
        assertArrayEquals(MerkleHash.node(a, b).bytes(), Hash.of(packed, 64).bytes());
    }
}
