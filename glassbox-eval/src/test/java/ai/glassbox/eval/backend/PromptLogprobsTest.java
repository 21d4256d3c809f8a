package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.eval.ModelException;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.ScoredToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the legacy logprobs of an echoed prompt, from answers written by hand. */
class PromptLogprobsTest {
    private static final URI URL = URI.create("http://127.0.0.1:9/v1/completions");

    /** "The cat sat" echoed after BOS, then one generated token " on". */
    private static final String ECHO = """
            {"choices": [{"index": 0, "text": "The cat sat on", "logprobs": {
              "tokens": ["", "The", " cat", " sat", " on"],
              "token_logprobs": [null, -2.5, -1.25, -0.5, -0.75],
              "top_logprobs": [null, {"A": -1.0, "The": -2.5}, {" cat": -1.25}, {" sat": -0.5, " ran": -0.5}, {" on": -0.75}],
              "text_offset": [0, 0, 3, 7, 11]}}]}
            """;

    @Test
    void tokenModeReadsTheTokensBetweenTheContextAndTheEndOfThePrompt() {
        LogLikelihoodResponse r = PromptLogprobs.of(answer(ECHO)).continuation(2, 4);
        assertEquals(List.of(new ScoredToken(" cat", -1.25, true), new ScoredToken(" sat", -0.5, true)), r.tokens());
        assertEquals(-1.75, r.logprob());
        assertTrue(r.greedy());
    }

    @Test
    void aTokenIsGreedyWhenItsLogprobIsTheBestOfTheAlternatives() {
        LogLikelihoodResponse r = PromptLogprobs.of(answer(ECHO)).continuation(1, 4);
        assertFalse(r.tokens().getFirst().greedy());
        assertFalse(r.greedy());
    }

    @Test
    void textModeTakesThePromptTokensThatEndAfterTheContext() {
        PromptLogprobs lp = PromptLogprobs.of(answer(ECHO));
        assertEquals(PromptLogprobs.of(answer(ECHO)).continuation(2, 4), lp.continuationAfter("The".length(), "The cat sat".length()));
        assertEquals(PromptLogprobs.of(answer(ECHO)).continuation(3, 4), lp.continuationAfter("The cat".length(), "The cat sat".length()));
        // a context ending inside " cat" makes the whole token part of the continuation
        assertEquals(PromptLogprobs.of(answer(ECHO)).continuation(2, 4), lp.continuationAfter("The c".length(), "The cat sat".length()));
    }

    @Test
    void continuationThatStartsThePromptWithoutBosIsExplained() {
        String noBos = """
                {"choices": [{"logprobs": {"tokens": ["Hi", " there", "!"], "token_logprobs": [null, -1.0, -2.0],
                  "top_logprobs": [null, {" there": -1.0}, {"!": -2.0}], "text_offset": [0, 2, 8]}}]}
                """;
        ModelException e = assertThrows(ModelException.class, () -> PromptLogprobs.of(answer(noBos)).continuationAfter(0, 8));
        assertTrue(e.getMessage().contains("choices[0].logprobs.token_logprobs[0]") && e.getMessage().contains("added no BOS"), e.getMessage());
    }

    @Test
    void answerWithoutLogprobsSaysLoglikelihoodNeedsCompletionsWithEcho() {
        ModelException e = assertThrows(ModelException.class, () -> PromptLogprobs.of(answer("{\"choices\": [{\"text\": \"on\", \"logprobs\": null}]}")));
        assertFalse(e.retriable());
        assertEquals(ApiErrors.NEEDS_COMPLETIONS + "; " + URL + " answered without choices[0].logprobs", e.getMessage());
    }

    @Test
    void echoShorterThanThePromptIsReported() {
        ModelException e = assertThrows(ModelException.class, () -> PromptLogprobs.of(answer(ECHO)).continuation(2, 9));
        assertEquals(ApiErrors.NEEDS_COMPLETIONS + "; " + URL + " echoed 5 tokens of a prompt of 9", e.getMessage());
    }

    @Test
    void malformedFieldIsNamedWithTheUrl() {
        ModelException e = assertThrows(ModelException.class, () -> PromptLogprobs.of(answer(ECHO.replace("-1.25,", "\"-1.25\","))).continuation(2, 4));
        assertEquals(URL + " answered without a valid choices[0].logprobs.token_logprobs[2]: expected a number, got \"-1.25\"", e.getMessage());

        ModelException missing = assertThrows(ModelException.class, () -> PromptLogprobs.of(answer("{\"object\": \"text_completion\"}")));
        assertEquals(URL + " answered without a valid choices: expected a non-empty array, got nothing", missing.getMessage());

        ModelException lengths = assertThrows(ModelException.class, () -> PromptLogprobs.of(answer(ECHO.replace("null, -2.5,", "-2.5,"))));
        assertTrue(lengths.getMessage().contains("have 5, 4 and 5 entries"), lengths.getMessage());
    }

    private static ApiAnswer answer(String json) {
        try {
            return new ApiAnswer(URL, new ObjectMapper().readTree(json));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
