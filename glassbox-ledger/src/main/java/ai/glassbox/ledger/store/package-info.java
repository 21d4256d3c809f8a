/**
 * The ledger as a whole ({@link ai.glassbox.ledger.store.Ledger}): the transparency log of signed
 * runs and receipts, the index of what each run measured and of its per-sample records, and the
 * claims and model facts they are held against, in one SQLite or PostgreSQL database.
 */
package ai.glassbox.ledger.store;
