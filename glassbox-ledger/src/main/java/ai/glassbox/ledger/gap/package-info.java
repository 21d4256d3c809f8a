/**
 * How far open-weight models trail closed ones on each benchmark, from published claims: a
 * claim's model variant is placed on a model's release date ({@link ai.glassbox.ledger.gap.ClaimModels},
 * with the bundled {@code claim_models.csv}), the best closed and best open score form step series
 * ({@link ai.glassbox.ledger.gap.Frontier}), and {@link ai.glassbox.ledger.gap.GapAnalysis} measures
 * in months how long the open frontier took to reach each closed step. Pure logic over values: no
 * storage and no network.
 */
package ai.glassbox.ledger.gap;
