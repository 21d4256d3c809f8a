-- Indexes over the log (each row points at the entry it was read from) and imported claims.

-- An attested evaluation run in the log: who signed it and what it measured.
CREATE TABLE runs (
    log_index      BIGINT  PRIMARY KEY REFERENCES log_entries (idx),
    statement_sha256 TEXT  NOT NULL,
    signer_key_id  TEXT    NOT NULL,
    signer_key     TEXT    NOT NULL,
    model          TEXT    NOT NULL,
    model_sha256   TEXT,
    backend        TEXT    NOT NULL,
    recorded_at    TEXT    NOT NULL
);

-- One metric of one task of a run, e.g. (mmlu, acc,none).
CREATE TABLE run_scores (
    log_index      BIGINT  NOT NULL REFERENCES runs (log_index),
    task           TEXT    NOT NULL,
    metric         TEXT    NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    stderr         DOUBLE PRECISION,
    samples        BIGINT  NOT NULL,
    PRIMARY KEY (log_index, task, metric)
);

-- A published claim; id is the SHA-256 of its canonical JSON, so a re-import changes nothing.
CREATE TABLE claims (
    id             TEXT    PRIMARY KEY,
    model          TEXT    NOT NULL,
    benchmark      TEXT    NOT NULL,
    score          DOUBLE PRECISION NOT NULL,
    setting        TEXT    NOT NULL,
    claimed_by     TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    imported_at    TEXT    NOT NULL
);

-- Which claimed model a run's model is: a run names a file or an endpoint's model id.
CREATE TABLE model_names (
    run_model      TEXT    PRIMARY KEY,
    claim_model    TEXT    NOT NULL
);
