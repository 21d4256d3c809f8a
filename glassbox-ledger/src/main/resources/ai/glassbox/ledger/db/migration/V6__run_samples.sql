-- The per-sample records of a logged run: each line of its samples_TASK.jsonl files, verified
-- against the digest its statement signs and written in the same transaction as its entry.
CREATE TABLE run_samples (
    log_index      BIGINT  NOT NULL REFERENCES runs (log_index),
    task           TEXT    NOT NULL,
    -- the line's place in the file, from 0; the lines of a task joined by newlines, with one
    -- after the last, are the file's exact bytes
    line           INTEGER NOT NULL CHECK (line >= 0),
    doc_id         BIGINT  NOT NULL,
    -- the exact line, without its newline: a JSON object
    record         TEXT    NOT NULL,
    PRIMARY KEY (log_index, task, line)
);
