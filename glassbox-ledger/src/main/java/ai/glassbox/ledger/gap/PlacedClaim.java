package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.claims.ReleaseDate;
import java.util.Objects;

/**
 * A claim joined to the model it is about and the date the claimed variant came out.
 *
 * @param claim the claim
 * @param model the model's facts (whether its weights are open)
 * @param released the variant's release date: the model's, or a later snapshot's
 */
public record PlacedClaim(Claim claim, ModelFact model, ReleaseDate released) {
    public PlacedClaim {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(released, "released");
    }
}
