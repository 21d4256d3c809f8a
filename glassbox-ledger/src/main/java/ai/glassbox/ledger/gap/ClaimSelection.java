package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.Claim;

/** Which claims count towards a frontier, by {@link Claim#claimedBy()}. */
public enum ClaimSelection {
    /** Every claim: the vendor's own and third parties' measurements. */
    ALL,
    /** Only claims whose {@code claimedBy} starts with "vendor". */
    VENDOR,
    /** Only claims whose {@code claimedBy} starts with "third party". */
    THIRD_PARTY;

    /** Whether {@code claim} counts under this selection. */
    public boolean test(Claim claim) {
        return switch (this) {
            case ALL -> true;
            case VENDOR -> claim.claimedBy().startsWith("vendor");
            case THIRD_PARTY -> claim.claimedBy().startsWith("third party");
        };
    }
}
