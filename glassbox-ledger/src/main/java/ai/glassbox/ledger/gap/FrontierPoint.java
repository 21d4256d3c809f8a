package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.ReleaseDate;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A step of a {@link Frontier}: the release at which the best score so far rose.
 *
 * @param released the release date of the variant, to the day or only the month
 * @param score the score in percent
 * @param model the {@code models.csv} model
 * @param claimModel the variant as the claim names it
 * @param claimId the claim's {@link ai.glassbox.ledger.claims.Claim#id()}
 * @param claimedBy who published the score
 * @param source where the score was read
 */
public record FrontierPoint(ReleaseDate released, double score, String model, String claimModel, String claimId, String claimedBy, String source) {
    public FrontierPoint {
        Objects.requireNonNull(released, "released");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(claimModel, "claimModel");
        Objects.requireNonNull(claimId, "claimId");
        Objects.requireNonNull(claimedBy, "claimedBy");
        Objects.requireNonNull(source, "source");
    }

    static FrontierPoint of(PlacedClaim p) {
        return new FrontierPoint(p.released(), p.claim().score(), p.model().model(), p.claim().model(), p.claim().id(), p.claim().claimedBy(), p.claim().source());
    }

    /** The day of the step; a month-precision release counts as the first of its month. */
    public LocalDate date() {
        return released.date();
    }
}
