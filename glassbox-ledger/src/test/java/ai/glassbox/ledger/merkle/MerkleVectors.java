package ai.glassbox.ledger.merkle;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The published RFC 6962 test vectors in {@code merkle/rfc6962-vectors.txt}, parsed. */
record MerkleVectors(List<byte[]> entries, List<Hash> roots, List<Inclusion> inclusions, List<Consistency> consistencies) {
    record Inclusion(long leafIndex, long treeSize, List<Hash> path) {}

    record Consistency(long size1, long size2, List<Hash> path) {}

    static final String RESOURCE = "/merkle/rfc6962-vectors.txt";

    static MerkleVectors load() {
        List<byte[]> entries = new ArrayList<>();
        List<Hash> roots = new ArrayList<>();
        List<Inclusion> inclusions = new ArrayList<>();
        List<Consistency> consistencies = new ArrayList<>();
        String[] lines = read().split("\n");
        for (int n = 0; n < lines.length; n++) {
            String line = lines[n].strip();
            if (line.isEmpty() || line.startsWith("#")) continue;
            String[] f = line.split(" +");
            switch (f[0]) {
                case "leaf" -> entries.add(f.length == 1 ? new byte[0] : HexFormat.of().parseHex(f[1]));
                case "root" -> {
                    if (Integer.parseInt(f[1]) != roots.size()) throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": roots out of order");
                    roots.add(Hash.ofHex(f[2]));
                }
                case "inclusion" -> inclusions.add(new Inclusion(Long.parseLong(f[1]), Long.parseLong(f[2]), hashes(f)));
                case "consistency" -> consistencies.add(new Consistency(Long.parseLong(f[1]), Long.parseLong(f[2]), hashes(f)));
                default -> throw new IllegalStateException(RESOURCE + ":" + (n + 1) + ": unknown record " + f[0]);
            }
        }
        return new MerkleVectors(entries, roots, inclusions, consistencies);
    }

    List<Hash> leafHashes() {
        return entries.stream().map(MerkleHash::leaf).toList();
    }

    private static List<Hash> hashes(String[] fields) {
        return Arrays.stream(fields, 3, fields.length).map(Hash::ofHex).toList();
    }

    private static String read() {
        try (InputStream in = MerkleVectors.class.getResourceAsStream(RESOURCE)) {
            if (in == null) throw new IllegalStateException("missing test resource " + RESOURCE);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(RESOURCE, e);
        }
    }
}
