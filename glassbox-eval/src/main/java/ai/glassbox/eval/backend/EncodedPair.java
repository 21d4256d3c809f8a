package ai.glassbox.eval.backend;

import ai.glassbox.engine.tokenizer.Tokenizer;
import ai.glassbox.eval.filter.PythonText;
import ai.glassbox.eval.request.LogLikelihood;
import java.util.Arrays;

/**
 * A loglikelihood request's context and continuation as token ids, split as lm-evaluation-harness's
 * {@code TemplateLM._encode_pair} splits them; every backend that tokenizes on the client encodes
 * through here, so the local engine and a remote endpoint score the same tokens.
 *
 * @param context the context's tokens, BOS first where the vocabulary asks for it; for an empty
 *     context, the prefix token alone (BOS, else EOS: lm-eval's {@code prefix_token_id})
 * @param continuation the tokens the whole text adds after the context's tokens
 */
record EncodedPair(int[] context, int[] continuation) {
    EncodedPair {
        context = context.clone();
        continuation = continuation.clone();
    }

    /**
     * Encodes a request: trailing whitespace of the context moves to the front of the
     * continuation ({@link Text#of}), the context is encoded alone, and the continuation is what
     * encoding the whole text adds after it.
     *
     * @throws IllegalArgumentException if the continuation encodes to no tokens, or the context is
     *     empty and the vocabulary has neither BOS nor EOS
     */
    static EncodedPair encode(Tokenizer tokenizer, LogLikelihood request) {
        Text text = Text.of(request);
        String context = text.context(), continuation = text.continuation();
        EncodedPair pair;
        if (request.context().isEmpty()) {
            pair = new EncodedPair(new int[] {prefixToken(tokenizer)}, tokenizer.encode(continuation, false, false));
        } else {
            int[] whole = tokenizer.encode(context + continuation, true, false);
            int[] ctx = tokenizer.encode(context, true, false);
            pair = new EncodedPair(ctx, Arrays.copyOfRange(whole, Math.min(ctx.length, whole.length), whole.length));
        }
        if (pair.continuation.length == 0) {
            throw new IllegalArgumentException("continuation " + quote(request.continuation()) + " after context " + quote(tail(request.context())) + " encodes to no tokens");
        }
        return pair;
    }

    /**
     * A request's text after {@code _encode_pair}'s first step: the context's trailing whitespace
     * moved to the front of the continuation.
     */
    record Text(String context, String continuation) {
        static Text of(LogLikelihood request) {
            String context = request.context();
            String stripped = PythonText.rstrip(context);
            return new Text(stripped, context.substring(stripped.length()) + request.continuation());
        }
    }

    /** Context followed by continuation. */
    int[] whole() {
        int[] whole = Arrays.copyOf(context, context.length + continuation.length);
        System.arraycopy(continuation, 0, whole, context.length, continuation.length);
        return whole;
    }

    @Override
    public int[] context() {
        return context.clone();
    }

    @Override
    public int[] continuation() {
        return continuation.clone();
    }

    /** lm-eval's {@code prefix_token_id}: BOS, else EOS. */
    private static int prefixToken(Tokenizer t) {
        return t.bos().orElseGet(() -> t.eos().orElseThrow(() -> new IllegalArgumentException("the model has neither BOS nor EOS to condition an empty context on")));
    }

    private static String tail(String s) {
        return s.length() <= 40 ? s : "…" + s.substring(s.length() - 40);
    }

    static String quote(String s) {
        return '"' + s.replace("\n", "\\n") + '"';
    }
}
