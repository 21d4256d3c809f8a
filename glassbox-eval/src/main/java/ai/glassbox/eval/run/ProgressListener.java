package ai.glassbox.eval.run;

/** Follows a run; called on the evaluating thread. */
public interface ProgressListener {
    /** A task starts with {@code done} of {@code total} samples already finished by an earlier run. */
    default void taskStarted(String task, int total, int done) {}

    /**
     * Samples finished.
     *
     * @param metric the task's first metric key, e.g. {@code acc,none}
     * @param runningScore its mean over the samples finished so far
     */
    default void samplesDone(String task, int done, int total, String metric, double runningScore) {}

    default void taskFinished(String task) {}

    ProgressListener NONE = new ProgressListener() {};
}
