-- The transparency log: entries in order, the roots of their perfect subtrees, and every
-- signed checkpoint. Written only by appends; nothing is ever updated but the head's size.
-- ${bytes} is BLOB on SQLite and BYTEA on PostgreSQL.

-- One row: the log's identity and its head, the number of committed entries.
CREATE TABLE log_head (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    origin        TEXT    NOT NULL,
    verifier_key  TEXT    NOT NULL,
    size          BIGINT  NOT NULL CHECK (size >= 0),
    created_at    TEXT    NOT NULL
);

CREATE TABLE log_entries (
    idx           BIGINT  PRIMARY KEY CHECK (idx >= 0),
    leaf_hash     ${bytes} NOT NULL,
    -- SHA-256 of the entry itself: the same entry can't be appended twice.
    entry_sha256  ${bytes} NOT NULL UNIQUE,
    kind          TEXT    NOT NULL,
    entry         ${bytes} NOT NULL,
    appended_at   TEXT    NOT NULL
);

-- MTH of leaves [idx * 2^level, (idx + 1) * 2^level) for level >= 1; level 0 is log_entries.leaf_hash.
CREATE TABLE log_nodes (
    level         INTEGER NOT NULL CHECK (level >= 1),
    idx           BIGINT  NOT NULL CHECK (idx >= 0),
    hash          ${bytes} NOT NULL,
    PRIMARY KEY (level, idx)
);

CREATE TABLE log_checkpoints (
    size          BIGINT  PRIMARY KEY CHECK (size >= 0),
    root          ${bytes} NOT NULL,
    signed_note   TEXT    NOT NULL,
    created_at    TEXT    NOT NULL
);
