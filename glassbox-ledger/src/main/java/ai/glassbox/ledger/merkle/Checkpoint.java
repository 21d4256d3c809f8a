package ai.glassbox.ledger.merkle;

import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The body (note text) of a C2SP tlog-checkpoint: a log's tree head at one size. Rendering and
 * parsing only; signing the body as a signed note happens in
 * {@code ai.glassbox.ledger.note}.
 *
 * <pre>
 * &lt;origin&gt;\n
 * &lt;tree size, decimal&gt;\n
 * &lt;root hash, standard padded base64&gt;\n
 * [&lt;extension line&gt;\n]...
 * </pre>
 *
 * @param origin the log's identity, non-empty, one line
 * @param size the tree size, at least 0
 * @param root MTH of the tree at {@code size}
 * @param extensions opaque extension lines, each non-empty; usually none (the spec advises against them)
 */
public record Checkpoint(String origin, long size, Hash root, List<String> extensions) {
    // "no leading zeroes (unless the tree is empty, in which case the tree size is 0)"; ASCII only.
    private static final Pattern DECIMAL = Pattern.compile("0|[1-9][0-9]*");

    /** @throws CheckpointFormatException if a value cannot be written as a checkpoint line */
    public Checkpoint {
        checkLine("origin", origin);
        if (size < 0) throw new CheckpointFormatException("negative tree size " + size);
        Objects.requireNonNull(root, "root");
        extensions = List.copyOf(extensions);
        for (int i = 0; i < extensions.size(); i++) checkLine("extension line " + (i + 1), extensions.get(i));
    }

    /** A checkpoint without extension lines. */
    public Checkpoint(String origin, long size, Hash root) {
        this(origin, size, root, List.of());
    }

    /** The note text: each line, extensions included, ended by a newline. */
    public String body() {
        StringBuilder text = new StringBuilder()
                .append(origin).append('\n')
                .append(size).append('\n')
                .append(Base64.getEncoder().encodeToString(root.bytes())).append('\n');
        extensions.forEach(line -> text.append(line).append('\n'));
        return text.toString();
    }

    /**
     * Parses a note text strictly: at least three non-empty lines, each ended by a newline, a
     * canonical decimal size that fits a {@code long}, and a root in canonical padded base64 of
     * exactly 32 bytes.
     *
     * @throws CheckpointFormatException naming the offending line
     */
    public static Checkpoint parse(String body) {
        Objects.requireNonNull(body, "body");
        if (!body.endsWith("\n")) throw new CheckpointFormatException("checkpoint does not end with a newline");
        String[] lines = body.substring(0, body.length() - 1).split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].isEmpty()) throw new CheckpointFormatException("checkpoint line " + (i + 1) + " is empty");
        }
        if (lines.length < 3) throw new CheckpointFormatException("checkpoint has " + lines.length + " lines, needs origin, size and root");
        return new Checkpoint(lines[0], parseSize(lines[1]), parseRoot(lines[2]), Arrays.asList(lines).subList(3, lines.length));
    }

    private static long parseSize(String line) {
        if (!DECIMAL.matcher(line).matches()) {
            throw new CheckpointFormatException("checkpoint line 2: tree size '" + line + "' is not a canonical decimal");
        }
        try {
            return Long.parseLong(line);
        } catch (NumberFormatException e) {
            throw new CheckpointFormatException("checkpoint line 2: tree size " + line + " exceeds " + Long.MAX_VALUE, e);
        }
    }

    private static Hash parseRoot(String line) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(line);
        } catch (IllegalArgumentException e) {
            throw new CheckpointFormatException("checkpoint line 3: root hash is not base64", e);
        }
        // Java's decoder accepts missing padding and stray low bits; only the canonical form may pass.
        if (!Base64.getEncoder().encodeToString(bytes).equals(line)) {
            throw new CheckpointFormatException("checkpoint line 3: root hash is not canonical padded base64");
        }
        if (bytes.length != Hash.LENGTH) {
            throw new CheckpointFormatException("checkpoint line 3: root hash is " + bytes.length + " bytes, not " + Hash.LENGTH);
        }
        return new Hash(bytes);
    }

    private static void checkLine(String what, String line) {
        Objects.requireNonNull(line, what);
        if (line.isEmpty()) throw new CheckpointFormatException("checkpoint " + what + " is empty");
        if (line.indexOf('\n') >= 0) throw new CheckpointFormatException("checkpoint " + what + " contains a newline");
    }
}
