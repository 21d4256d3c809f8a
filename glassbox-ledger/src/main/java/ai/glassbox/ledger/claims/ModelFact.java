package ai.glassbox.ledger.claims;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * Public facts about a model family: who made it, whether its weights can be downloaded, when it
 * came out, how big it is. Immutable and thread-safe.
 *
 * @param model the model's name ("Llama 3.1 70B"); never empty. Claims name specific variants
 *     ("Llama 3.1 70B Instruct"), so joining the two needs a mapping
 * @param organization who released it; never empty
 * @param weights whether the weights are published
 * @param releaseDate when it was released, to the day or only the month
 * @param parametersB total parameters in billions (for a mixture of experts, all experts); empty where undisclosed
 * @param license the weights' license; empty where not recorded (every closed model, and Phi-3 medium)
 * @param source where the facts were read; never empty
 * @param note caveats; empty when there are none
 */
public record ModelFact(String model, String organization, Weights weights, ReleaseDate releaseDate, OptionalDouble parametersB, String license, String source, String note) {
    /** Whether a model's weights are published. */
    public enum Weights {
        OPEN,
        CLOSED
    }

    public ModelFact {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("a model fact's model must not be empty");
        if (organization == null || organization.isBlank()) throw new IllegalArgumentException(model + ": organization must not be empty");
        Objects.requireNonNull(weights, "weights");
        Objects.requireNonNull(releaseDate, "releaseDate");
        Objects.requireNonNull(parametersB, "parametersB");
        if (parametersB.isPresent() && !(parametersB.getAsDouble() > 0 && Double.isFinite(parametersB.getAsDouble()))) throw new IllegalArgumentException(model + ": parametersB is " + parametersB.getAsDouble() + ", not a positive number");
        Objects.requireNonNull(license, "license");
        if (source == null || source.isBlank()) throw new IllegalArgumentException(model + ": source must not be empty");
        Objects.requireNonNull(note, "note");
    }
}
