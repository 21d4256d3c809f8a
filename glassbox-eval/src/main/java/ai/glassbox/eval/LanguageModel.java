package ai.glassbox.eval;

import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import java.util.List;

/**
 * A model that answers the harness's requests: the local engine or an OpenAI-compatible endpoint.
 *
 * <p>Implementations may reorder, batch, share prompt prefixes or run requests concurrently, but the
 * answer to a request must not depend on what else is in the list. Greedy generation only: an
 * evaluation is a measurement, not a sample.
 */
public interface LanguageModel extends AutoCloseable {
    /**
     * Answers every request; response {@code i} answers request {@code i} and has the matching
     * type ({@link ai.glassbox.eval.request.LogLikelihoodResponse} for a loglikelihood request,
     * {@link ai.glassbox.eval.request.GenerationResponse} for a generation request).
     *
     * @throws ModelException if the model cannot answer (after any retries the backend makes)
     */
    List<Response> answer(List<? extends Request> requests);

    /** What this model is, for the run's manifest: backend, name, digests and settings. */
    ModelIdentity identity();

    @Override
    void close();
}
