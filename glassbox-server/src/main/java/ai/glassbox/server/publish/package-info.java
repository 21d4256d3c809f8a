/**
 * The read-only JSON API of the ledger under {@code /api}: model facts, claims with their status,
 * attested runs, and the transparency log's checkpoint, entries and proofs. Described by the
 * OpenAPI document it serves at {@code /api/openapi.json}.
 */
package ai.glassbox.server.publish;
