package ai.glassbox.server.openai;

import ai.glassbox.engine.DecodeLoop;
import ai.glassbox.engine.Generation;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import ai.glassbox.engine.LogSoftmax;
import ai.glassbox.server.ServedModel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One generation in a model's decode loop, seen from the request's thread as a queue of events.
 * The loop thread only enqueues, so a slow client never stalls other requests' decoding.
 */
final class GenerationStream implements GenerationListener {
    sealed interface Event {}

    record Text(String text) implements Event {}

    /** A generated token with its log-probability and the most likely alternatives. */
    record Token(int token, double logprob, int[] topTokens, double[] topLogprobs) implements Event {}

    record Done(Generation generation) implements Event {}

    record Failed(Throwable error) implements Event {}

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    private final int topLogprobs;
    private final int vocab;
    private final long startNanos = System.nanoTime();
    private volatile long firstTokenNanos;
    private volatile boolean cancelled;
    private DecodeLoop.Handle handle;

    private GenerationStream(int topLogprobs, int vocab) {
        this.topLogprobs = topLogprobs;
        this.vocab = vocab;
    }

    /**
     * Queues a generation; {@code topLogprobs < 0} records no log-probabilities.
     *
     * @throws ApiException 429 when the model's queue is full, 503 when it is shutting down
     */
    static GenerationStream start(ServedModel model, int[] prompt, GenerationRequest request, int topLogprobs, String promptParam) {
        var stream = new GenerationStream(topLogprobs, model.engine().config().vocabSize());
        try {
            stream.handle = model.loop().submit(prompt, request, stream);
        } catch (DecodeLoop.QueueFullException e) {
            throw ApiException.overloaded("model " + model.id() + " is busy: " + e.getMessage() + "; retry later", 1);
        } catch (IllegalStateException e) {
            throw ApiException.unavailable("model " + model.id() + " is shutting down");
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(promptParam, e.getMessage());
        }
        stream.handle.result().whenComplete((g, e) -> stream.events.add(e == null ? new Done(g) : new Failed(e)));
        return stream;
    }

    @Override
    public void onText(String text) {
        if (!text.isEmpty()) events.add(new Text(text));
    }

    @Override
    public boolean onToken(int step, int token, float[] logits) {
        if (firstTokenNanos == 0) firstTokenNanos = System.nanoTime();
        if (topLogprobs >= 0) {
            double norm = LogSoftmax.logNormalizer(logits, vocab);
            int[] top = topLogprobs == 0 ? new int[0] : LogSoftmax.topK(logits, vocab, topLogprobs);
            double[] lps = new double[top.length];
            for (int i = 0; i < top.length; i++) lps[i] = logits[top[i]] - norm;
            events.add(new Token(token, logits[token] - norm, top, lps));
        }
        return !cancelled;
    }

    /** Waits for the next event until {@code deadlineNanos} (of {@link System#nanoTime}). */
    Event next(long deadlineNanos) throws InterruptedException {
        long left = deadlineNanos - System.nanoTime();
        Event e = left > 0 ? events.poll(left, TimeUnit.NANOSECONDS) : events.poll();
        if (e == null) {
            cancel();
            throw ApiException.timeout("the request took longer than the server's request timeout");
        }
        return e;
    }

    /** Seconds from submission to the first generated token, or -1 before it. */
    double secondsToFirstToken() {
        long t = firstTokenNanos;
        return t == 0 ? -1 : (t - startNanos) / 1e9;
    }

    void cancel() {
        cancelled = true;
        handle.cancel();
    }

    /** Drains all events until the generation ends (for non-streaming answers). */
    List<Event> all(long deadlineNanos) throws InterruptedException {
        List<Event> out = new ArrayList<>();
        while (true) {
            Event e = next(deadlineNanos);
            out.add(e);
            if (e instanceof Done || e instanceof Failed) return out;
        }
    }
}
