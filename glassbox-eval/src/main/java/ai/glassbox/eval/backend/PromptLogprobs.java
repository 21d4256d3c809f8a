package ai.glassbox.eval.backend;

import ai.glassbox.eval.ModelException;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.ScoredToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The echoed prompt of a legacy {@code /completions} answer with {@code echo} and {@code logprobs}:
 * {@code choices[0].logprobs} holds parallel arrays {@code tokens}, {@code token_logprobs} (null for
 * the first token, which has nothing before it), {@code top_logprobs} (objects from token text to
 * log-probability) and {@code text_offset} (where each token starts in the prompt, in characters),
 * covering the prompt's tokens and then the generated ones.
 */
final class PromptLogprobs {
    private static final String FIELD = "choices[0].logprobs";

    private final ApiAnswer answer;
    private final JsonNode tokens;
    private final JsonNode tokenLogprobs;
    private final JsonNode topLogprobs;

    private PromptLogprobs(ApiAnswer answer, JsonNode tokens, JsonNode tokenLogprobs, JsonNode topLogprobs) {
        this.answer = answer;
        this.tokens = tokens;
        this.tokenLogprobs = tokenLogprobs;
        this.topLogprobs = topLogprobs;
    }

    /**
     * @throws ModelException if the answer has no logprobs (the endpoint ignored {@code echo} or
     *     {@code logprobs}) or its arrays are malformed
     */
    static PromptLogprobs of(ApiAnswer answer) {
        JsonNode logprobs = answer.firstChoice().path("logprobs");
        if (!logprobs.isObject()) {
            throw new ModelException(ApiErrors.NEEDS_COMPLETIONS + "; " + answer.url() + " answered without " + FIELD, false);
        }
        JsonNode tokens = answer.array(logprobs.path("tokens"), FIELD + ".tokens");
        JsonNode lps = answer.array(logprobs.path("token_logprobs"), FIELD + ".token_logprobs");
        JsonNode tops = answer.array(logprobs.path("top_logprobs"), FIELD + ".top_logprobs");
        if (lps.size() != tokens.size() || tops.size() != tokens.size()) {
            throw answer.malformed(FIELD, "tokens, token_logprobs and top_logprobs have " + tokens.size() + ", " + lps.size() + " and " + tops.size() + " entries");
        }
        return new PromptLogprobs(answer, tokens, lps, tops);
    }

    /**
     * The continuation when the prompt was sent as token ids (lm-eval's
     * {@code token_logprobs[ctxlen:-1]}, bounded by the prompt's length rather than by dropping the
     * last entry, so a server that generated no token is read correctly too).
     *
     * @param from the number of context tokens
     * @param to the number of prompt tokens (context and continuation)
     */
    LogLikelihoodResponse continuation(int from, int to) {
        if (tokens.size() < to) {
            throw new ModelException(ApiErrors.NEEDS_COMPLETIONS + "; " + answer.url() + " echoed " + tokens.size() + " tokens of a prompt of " + to, false);
        }
        List<ScoredToken> scored = new ArrayList<>(to - from);
        for (int i = from; i < to; i++) scored.add(scored(i));
        return LogLikelihoodResponse.of(scored);
    }

    /**
     * The continuation when the prompt was sent as text: the prompt's tokens (those starting
     * before {@code promptChars}) that end after {@code contextChars}. A token ends where the next
     * one starts; the last one after its own text.
     *
     * @param contextChars the context's length in characters (code points)
     * @param promptChars the prompt's length in characters (code points)
     */
    LogLikelihoodResponse continuationAfter(int contextChars, int promptChars) {
        String field = FIELD + ".text_offset";
        JsonNode offsets = answer.array(answer.firstChoice().path("logprobs").path("text_offset"), field);
        if (offsets.size() != tokens.size()) throw answer.malformed(field, "has " + offsets.size() + " entries for " + tokens.size() + " tokens");
        int n = tokens.size();
        List<ScoredToken> scored = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int start = offset(offsets, i, field);
            if (start >= promptChars) break;
            int end = i + 1 < n ? offset(offsets, i + 1, field) : start + codePoints(token(i));
            if (end > contextChars) scored.add(scored(i));
        }
        if (scored.isEmpty()) throw answer.malformed(field, "no echoed token ends after the context's " + contextChars + " characters");
        return LogLikelihoodResponse.of(scored);
    }

    private ScoredToken scored(int i) {
        String at = "[" + i + "]";
        JsonNode lp = tokenLogprobs.get(i);
        if (lp.isNull()) {
            throw answer.malformed(FIELD + ".token_logprobs" + at, "null, so the token has nothing before it: the endpoint added no BOS token"
                    + " and the continuation starts the prompt; give the client a tokenizer so it sends the prompt as token ids");
        }
        double logprob = answer.number(lp, FIELD + ".token_logprobs" + at);
        if (Double.isNaN(logprob) || logprob > 0) throw answer.malformed(FIELD + ".token_logprobs" + at, logprob + " is not a log-probability");
        JsonNode top = topLogprobs.get(i);
        if (!top.isObject() || top.isEmpty()) throw answer.malformed(FIELD + ".top_logprobs" + at, "expected an object from token to log-probability, got " + top);
        double best = Double.NEGATIVE_INFINITY;
        for (var e : top.properties()) best = Math.max(best, answer.number(e.getValue(), FIELD + ".top_logprobs" + at + "." + e.getKey()));
        // lm-eval's is_greedy: the token's log-probability is the best of the alternatives
        return new ScoredToken(token(i), logprob, logprob >= best);
    }

    private String token(int i) {
        return answer.text(tokens.get(i), FIELD + ".tokens[" + i + "]");
    }

    private int offset(JsonNode offsets, int i, String field) {
        JsonNode o = offsets.get(i);
        if (!o.canConvertToInt() || !o.isIntegralNumber() || o.asInt() < 0) throw answer.malformed(field + "[" + i + "]", "expected a character offset, got " + o);
        return o.asInt();
    }

    static int codePoints(String s) {
        return s.codePointCount(0, s.length());
    }
}
