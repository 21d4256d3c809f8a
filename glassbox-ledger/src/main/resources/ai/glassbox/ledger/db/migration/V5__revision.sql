-- A counter every change to what the ledger publishes (runs, claims, models, model names) bumps in
-- the same transaction, so a reader can cache what it derived and re-read only when it moved,
-- whichever process wrote.
CREATE TABLE ledger_revision (
    id             INTEGER PRIMARY KEY CHECK (id = 1),
    revision       BIGINT  NOT NULL
);
INSERT INTO ledger_revision (id, revision) VALUES (1, 0);
