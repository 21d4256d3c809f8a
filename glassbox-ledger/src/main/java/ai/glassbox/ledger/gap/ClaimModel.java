package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.ReleaseDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One row of a claim-model mapping: which {@code models.csv} model a claim's model name is, or
 * that it is deliberately left out. Immutable and thread-safe.
 *
 * @param claimModel the model name exactly as claims write it; never empty
 * @param model the {@link ai.glassbox.ledger.claims.ModelFact#model()} it is; empty when left out
 * @param releaseDate the variant's own release date where it is a later snapshot than the model's
 *     row (dated by its id or a note in {@code models.csv}); empty to use the model's date
 * @param note why the row maps as it does; required when the name is left out
 */
public record ClaimModel(String claimModel, Optional<String> model, Optional<ReleaseDate> releaseDate, String note) {
    public ClaimModel {
        if (claimModel == null || claimModel.isBlank()) throw new IllegalArgumentException("a claim model's name must not be empty");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(releaseDate, "releaseDate");
        Objects.requireNonNull(note, "note");
        if (model.isEmpty() && note.isBlank()) throw new IllegalArgumentException(claimModel + " is left out without a note saying why");
        if (model.isEmpty() && releaseDate.isPresent()) throw new IllegalArgumentException(claimModel + " is left out but has a release date");
        if (model.isPresent() && model.get().isBlank()) throw new IllegalArgumentException(claimModel + " maps to a blank model");
    }

    /** A name that maps to {@code model} with the model's own release date. */
    public static ClaimModel of(String claimModel, String model) {
        return new ClaimModel(claimModel, Optional.of(model), Optional.empty(), "");
    }

    /** A name that maps to {@code model}, released on its own date. */
    public static ClaimModel of(String claimModel, String model, ReleaseDate releaseDate) {
        return new ClaimModel(claimModel, Optional.of(model), Optional.of(releaseDate), "");
    }

    /** A name that is left out, and why. */
    public static ClaimModel leftOut(String claimModel, String why) {
        return new ClaimModel(claimModel, Optional.empty(), Optional.empty(), why);
    }
}
