package ai.glassbox.eval;

/** An evaluation cannot run as asked: an unknown task, a bad dataset file, a run directory that holds a different run. */
public class EvalException extends RuntimeException {
    public EvalException(String message) {
        super(message);
    }

    public EvalException(String message, Throwable cause) {
        super(message, cause);
    }
}
