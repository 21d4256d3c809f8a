package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.TokenScore;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.GenerationResponse;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.LogLikelihoodResponse;
import ai.glassbox.eval.request.Request;
import ai.glassbox.eval.request.Response;
import ai.glassbox.eval.request.ScoredToken;
import ai.glassbox.testkit.Shared;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link LanguageModel} must do, checked against the engine itself on stories260K: the
 * same log-probabilities bit for bit as {@link Engine#score} on the tokens lm-eval's
 * {@code _encode_pair} gives, the same greedy text as {@link Engine#generate}, answers in request
 * order that do not depend on the rest of the batch. A backend writes only {@link #open}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class LanguageModelContract {
    static final Path MODEL = Shared.model("stories260K.gguf");
    static final String STORY = "Once upon a time, there was a little";

    /** The engine on {@link #MODEL}, the reference every answer is checked against. */
    Engine reference;
    LanguageModel model;

    /**
     * The backend under test, serving the model in {@code gguf}. {@code reference} is an engine on
     * the same file that a backend may use (a test server over it); it stays open until the
     * model is closed.
     */
    abstract LanguageModel open(Path gguf, Engine reference);

    @BeforeAll
    final void openModels() {
        // one thread: results do not depend on it, and spinning workers of two engines fight over small machines
        reference = Engine.load(MODEL, new EngineOptions(1, 0, 64));
        model = open(MODEL, reference);
    }

    @AfterAll
    final void closeModels() {
        if (model != null) model.close();
        reference.close();
    }

    @Test
    void loglikelihoodEqualsEngineScoreOfTheSameTokensBitForBit() {
        String continuation = " girl named Lily";
        int[] context = reference.tokenize(STORY, true, false);
        int[] whole = reference.tokenize(STORY + continuation, true, false);
        assertArrayEquals(context, Arrays.copyOf(whole, context.length), "precondition: the context's tokens start the whole text's");
        List<TokenScore> expected = reference.score(whole, 1).subList(context.length - 1, whole.length - 1);

        LogLikelihoodResponse r = loglikelihood(STORY, continuation);

        assertEquals(expected.size(), r.tokens().size(), () -> "tokens " + r.tokens());
        for (int i = 0; i < expected.size(); i++) {
            TokenScore e = expected.get(i);
            ScoredToken t = r.tokens().get(i);
            int k = i;
            assertEquals(Double.doubleToRawLongBits(e.logprob()), Double.doubleToRawLongBits(t.logprob()), () -> "token " + k + ": " + e.logprob() + " vs " + t.logprob());
            assertEquals(e.greedy(), t.greedy(), () -> "greedy flag of token " + k);
            assertEquals(text(e.token()), t.token(), () -> "text of token " + k);
        }
    }

    @Test
    void logprobIsTheSumOfTheTokenLogprobsInOrder() {
        LogLikelihoodResponse r = loglikelihood(STORY, " girl named Lily");
        double sum = 0;
        boolean greedy = true;
        for (ScoredToken t : r.tokens()) {
            sum += t.logprob();
            greedy &= t.greedy();
        }
        assertEquals(Double.doubleToRawLongBits(sum), Double.doubleToRawLongBits(r.logprob()));
        assertEquals(greedy, r.greedy());
        assertTrue(r.logprob() < 0);
    }

    @Test
    void continuationProducedByGreedyGenerationIsGreedy() {
        String generated = generate(STORY, List.of(), 6);
        assertFalse(generated.isEmpty());
        LogLikelihoodResponse r = loglikelihood(STORY, generated);
        assertTrue(r.greedy(), () -> "\"" + generated + "\" scored " + r.tokens());
    }

    @Test
    void unlikelyContinuationIsNotGreedy() {
        LogLikelihoodResponse r = loglikelihood(STORY, " tree sang loudly");
        assertFalse(r.greedy(), () -> "scored " + r.tokens());
        assertTrue(r.logprob() < loglikelihood(STORY, generate(STORY, List.of(), 3)).logprob());
    }

    @Test
    void emptyContextIsConditionedOnTheBosToken() {
        String continuation = "Once upon a time";
        int[] cont = reference.tokenize(continuation, false, false);
        int[] seq = new int[cont.length + 1];
        seq[0] = reference.tokenizer().bos().orElseThrow();
        System.arraycopy(cont, 0, seq, 1, cont.length);
        double sum = 0;
        for (TokenScore s : reference.score(seq, 1)) sum += s.logprob();
        double expected = sum;

        LogLikelihoodResponse r = loglikelihood("", continuation);

        assertEquals(cont.length, r.tokens().size());
        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(r.logprob()), () -> expected + " vs " + r.logprob());
    }

    @Test
    void trailingWhitespaceOfTheContextMovesIntoTheContinuation() {
        assertEquals(loglikelihood(STORY, " girl"), loglikelihood(STORY + " ", "girl"));
    }

    @Test
    void answersComeBackInRequestOrderForAMixedBatch() {
        List<Request> batch = List.of(
                new LogLikelihood(STORY, " girl"),
                new GenerateUntil(STORY, List.of(), 4),
                new LogLikelihood("Once upon a time", " there"),
                new GenerateUntil("Lily liked to", List.of("."), 8),
                new LogLikelihood(STORY, " boy"));

        List<Response> answers = model.answer(batch);

        assertEquals(batch.size(), answers.size());
        for (int i = 0; i < batch.size(); i++) {
            Class<?> expectedType = batch.get(i) instanceof LogLikelihood ? LogLikelihoodResponse.class : GenerationResponse.class;
            assertInstanceOf(expectedType, answers.get(i), "answer " + i);
            assertEquals(model.answer(List.of(batch.get(i))).getFirst(), answers.get(i), "answer " + i);
        }
    }

    @Test
    void aRequestGetsTheSameAnswerAloneAndAmongOthers() {
        LogLikelihood q = new LogLikelihood(STORY, " dog");
        Response alone = model.answer(List.of(q)).getFirst();
        List<Response> answers = model.answer(List.of(
                new LogLikelihood(STORY, " cat"), q, new GenerateUntil(STORY, List.of(), 5), new LogLikelihood("Lily", " was happy"), q));
        assertEquals(alone, answers.get(1));
        assertEquals(alone, answers.get(4));
    }

    @Test
    void generationIsTheEnginesGreedyTextAndRespectsMaxTokens() {
        String three = generate(STORY, List.of(), 3);
        String twenty = generate(STORY, List.of(), 20);
        var expected = reference.generate(reference.tokenize(STORY, true, false), GenerationRequest.greedy(3), GenerationListener.NONE);
        assertEquals(3, expected.tokens().length, "precondition: three tokens without an end of text");
        assertEquals(expected.text(), three);
        assertTrue(twenty.startsWith(three) && twenty.length() > three.length(), () -> "\"" + three + "\" vs \"" + twenty + "\"");
    }

    @Test
    void generationStopsBeforeTheStopString() {
        String free = generate(STORY, List.of(), 20);
        int secondWord = free.indexOf(' ', 1);
        assertTrue(secondWord > 0, () -> "precondition: two words in \"" + free + "\"");
        String stop = free.substring(secondWord, secondWord + 2);

        String stopped = generate(STORY, List.of(stop), 20);

        assertEquals(free.substring(0, free.indexOf(stop)), stopped);
    }

    @Test
    void generationStopsAtTheEarliestOfMoreThanFourStopStrings() {
        String free = generate(STORY, List.of(), 20);
        int secondWord = free.indexOf(' ', 1);
        String stop = free.substring(secondWord, secondWord + 2);
        List<String> stops = List.of("#1#", "#2#", "#3#", "#4#", "", stop);

        assertEquals(free.substring(0, free.indexOf(stop)), generate(STORY, stops, 20));
    }

    @Test
    void noRequestsGetNoAnswers() {
        assertEquals(List.of(), model.answer(List.of()));
    }

    LogLikelihoodResponse loglikelihood(String context, String continuation) {
        return (LogLikelihoodResponse) model.answer(List.of(new LogLikelihood(context, continuation))).getFirst();
    }

    String generate(String context, List<String> until, int maxTokens) {
        return ((GenerationResponse) model.answer(List.of(new GenerateUntil(context, until, maxTokens))).getFirst()).text();
    }

    private String text(int token) {
        return new String(reference.tokenizer().tokenBytes(token, false), StandardCharsets.UTF_8);
    }
}
