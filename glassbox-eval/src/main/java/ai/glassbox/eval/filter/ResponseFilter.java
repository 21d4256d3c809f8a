package ai.glassbox.eval.filter;

/** One step of a filter pipeline: turns a model's generated text into the answer to score. */
public sealed interface ResponseFilter permits RegexFilter, TakeFirst {
    String apply(String response);
}
