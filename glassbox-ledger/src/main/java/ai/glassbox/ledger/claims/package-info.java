/**
 * Published benchmark claims and how they stand against Glassbox's own measurements, independent
 * of storage: {@link ai.glassbox.ledger.claims.Claim} and {@link ai.glassbox.ledger.claims.ModelFact}
 * rows read strictly from CSV ({@link ai.glassbox.ledger.claims.Claims}, {@link
 * ai.glassbox.ledger.claims.ModelFacts}, with bundled seed data), the mapping from a claim's
 * benchmark name to the eval tasks that measure the same thing ({@link
 * ai.glassbox.ledger.claims.BenchmarkNames}), and the score test that decides whether a
 * measurement confirms or disputes a claim ({@link ai.glassbox.ledger.claims.ClaimAssessment}).
 */
package ai.glassbox.ledger.claims;
