package ai.glassbox.eval.task;

import ai.glassbox.eval.EvalException;

/** A dataset file is missing, does not match its pinned digest, or holds a malformed document; the message names the file and line. */
public class DatasetException extends EvalException {
    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
