package ai.glassbox.ledger.claims;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.attestation.CanonicalJson;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Objects;

/**
 * A published benchmark score for a model: the model's own vendor claiming it, or a third party
 * reporting its measurement. Immutable and thread-safe.
 *
 * @param model the model as the source names it, a specific variant ("Llama 3.1 70B Instruct"); never empty
 * @param benchmark the benchmark as the source names it ("MMLU", "GPQA-Diamond"); never empty
 * @param score the score in percent, 0 to 100
 * @param setting how it was run (shots, prompting, metric), as the source says; never empty
 * @param claimedBy who published the number ("vendor (Meta)", "third party (Epoch AI)"); never empty
 * @param source where the number was read, ideally a URL pinned to a commit; never empty
 * @param note anything a reader should know about the row; empty when there is nothing
 */
public record Claim(String model, String benchmark, double score, String setting, String claimedBy, String source, String note) {
    /** The type tag inside the hashed encoding: a claim's id can never equal the id of another kind of object. */
    public static final String TYPE = "https://glassbox.ai/claim/v1";

    public Claim {
        requireText(model, "model");
        requireText(benchmark, "benchmark");
        requireText(setting, "setting");
        requireText(claimedBy, "claimedBy");
        requireText(source, "source");
        Objects.requireNonNull(note, "note");
        if (!(score >= 0 && score <= 100)) throw new IllegalArgumentException("score of " + model + " on " + benchmark + " is " + score + ", not a percent in [0, 100]");
    }

    /** The score as a fraction in [0, 1]. */
    public double fraction() {
        return score / 100;
    }

    /**
     * The RFC 8785 canonical JSON of every field plus {@link #TYPE}, under the CSV's column names.
     * The score is a JSON number, so "91.50" and "91.5" in a file are the same claim.
     */
    public byte[] canonicalBytes() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("type", TYPE);
        o.put("model", model);
        o.put("benchmark", benchmark);
        o.put("score", score);
        o.put("setting", setting);
        o.put("claimed_by", claimedBy);
        o.put("source", source);
        o.put("note", note);
        return CanonicalJson.bytes(o);
    }

    /**
     * The content id: lower-case hex SHA-256 of {@link #canonicalBytes()}. Reading the same row
     * twice gives the same id; changing any field gives a new one.
     */
    public String id() {
        return Sha256.hex(canonicalBytes());
    }

    private static void requireText(String value, String name) {
        if (value == null || value.isBlank()) throw new IllegalArgumentException("a claim's " + name + " must not be empty");
    }
}
