package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.Claim;
import java.util.Objects;

/**
 * A claim the analysis could not place on a model and date, and why.
 *
 * @param claim the claim
 * @param reason "left out: …" with the mapping's note, "no mapping for …" or "… is not a known model"
 */
public record UnplacedClaim(Claim claim, String reason) {
    public UnplacedClaim {
        Objects.requireNonNull(claim, "claim");
        Objects.requireNonNull(reason, "reason");
    }
}
