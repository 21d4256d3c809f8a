package ai.glassbox.eval.filter;

/**
 * lm-evaluation-harness's {@code take_first}: of the repeated responses to one request, keep the
 * first. Glassbox makes one greedy response per request, so this is the identity; it is kept so
 * pipelines read as in the task's YAML.
 */
public record TakeFirst() implements ResponseFilter {
    @Override
    public String apply(String response) {
        return response;
    }
}
