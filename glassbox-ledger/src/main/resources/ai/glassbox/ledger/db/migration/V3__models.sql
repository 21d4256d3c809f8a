-- Public facts about model families (ModelFact): who released them, whether the weights are open.

CREATE TABLE models (
    model          TEXT    PRIMARY KEY,
    organization   TEXT    NOT NULL,
    weights        TEXT    NOT NULL CHECK (weights IN ('open', 'closed')),
    -- yyyy-MM-dd, or yyyy-MM where only the month is known (ReleaseDate's text form)
    release_date   TEXT    NOT NULL,
    parameters_b   DOUBLE PRECISION,
    license        TEXT    NOT NULL,
    source         TEXT    NOT NULL,
    note           TEXT    NOT NULL,
    imported_at    TEXT    NOT NULL
);
