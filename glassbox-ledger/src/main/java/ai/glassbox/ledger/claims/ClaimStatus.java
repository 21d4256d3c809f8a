package ai.glassbox.ledger.claims;

/** Where a claim stands against Glassbox's measurement of it; {@link ClaimAssessment#reason()} says why. */
public enum ClaimStatus {
    /** The claimed score lies in the 95% Wilson interval of the measurement: the score test does not reject it. */
    VERIFIED,
    /** The measurement is significantly lower than the claim (score test, two-sided 5% level). */
    DISPUTED,
    /**
     * Nothing comparable was measured, the measurement had no samples, or it is significantly
     * higher than the claim: the claimed number itself is not confirmed, though nothing says it overstates.
     */
    UNVERIFIED
}
