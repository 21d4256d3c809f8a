package ai.glassbox.ledger.store;

import java.util.Objects;

/**
 * One line of a logged run's {@code samples_TASK.jsonl}, as the ledger stores it.
 *
 * @param task the task the file is named by
 * @param line the line's place in the file, from 0
 * @param docId the record's {@code doc_id}
 * @param record the exact line without its newline: a JSON object
 */
public record StoredSample(String task, int line, long docId, String record) {
    public StoredSample {
        Objects.requireNonNull(task, "task");
        Objects.requireNonNull(record, "record");
        if (line < 0) throw new IllegalArgumentException("sample line " + line + " of task " + task + " is negative");
    }
}
