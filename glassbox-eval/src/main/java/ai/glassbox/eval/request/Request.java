package ai.glassbox.eval.request;

/** lm-evaluation-harness's request types. A multiple-choice document produces several loglikelihood requests. */
public sealed interface Request permits LogLikelihood, GenerateUntil {
    /** The text the model is conditioned on. */
    String context();
}
