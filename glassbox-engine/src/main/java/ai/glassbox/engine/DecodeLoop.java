package ai.glassbox.engine;

import ai.glassbox.engine.model.Session;
import ai.glassbox.engine.model.StepBatch;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Continuous batching: generations submitted from any thread share one decode loop, which runs
 * every active sequence's next token (and chunks of new prompts) in one forward pass per step.
 * Throughput grows with concurrent requests, and because a token's computation is the same bits
 * in any batch, each generation's tokens and logits are exactly those of {@link Engine#generate}
 * run alone. Listeners are called on the loop thread; keep them quick (hand work to your own
 * thread). Close it to stop the loop; unfinished generations end as {@link StopReason#CANCELLED}.
 */
public final class DecodeLoop implements AutoCloseable {
    /** A submitted generation. */
    public interface Handle {
        /** Completes with the generation when it ends, or exceptionally if it fails. */
        CompletableFuture<Generation> result();

        /** Asks the loop to stop this generation at its next step (it ends as cancelled). */
        void cancel();
    }

    /** Thrown by {@link #submit} when as many generations as the queue holds are waiting. */
    public static final class QueueFullException extends RuntimeException {
        QueueFullException(int limit) {
            super("the generation queue is full (" + limit + " waiting)");
        }
    }

    private final Engine engine;
    private final int maxSequences;
    private final int queueLimit;
    private final StepBatch batch;
    private final ArrayDeque<Sequence> waiting = new ArrayDeque<>();
    private final List<Sequence> active = new ArrayList<>();
    /** KV caches of finished sequences, reused: allocating one per request costs more than a step. */
    private final ArrayDeque<Session> freeSessions = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean closed;

    /**
     * @param maxSequences generations decoded together; more wait in the queue
     * @param queueLimit generations that may wait before {@link #submit} refuses more
     * @param batchTokens tokens per forward pass (decoding sequences take one each, prompts fill the rest)
     */
    public DecodeLoop(Engine engine, int maxSequences, int queueLimit, int batchTokens) {
        if (maxSequences < 1) throw new IllegalArgumentException("at least one sequence, not " + maxSequences);
        if (queueLimit < 0) throw new IllegalArgumentException("queue limit must be >= 0, is " + queueLimit);
        this.engine = engine;
        this.maxSequences = maxSequences;
        this.queueLimit = queueLimit;
        this.batch = engine.model().newStepBatch(engine.contextLength(), Math.max(batchTokens, maxSequences));
        this.thread = Thread.ofPlatform().name("glassbox-decode").daemon().start(this::loop);
    }

    /** Generations being decoded now. */
    public synchronized int activeCount() {
        return active.size();
    }

    /** Generations waiting for a slot. */
    public synchronized int waitingCount() {
        return waiting.size();
    }

    /**
     * Queues a generation of {@code prompt}.
     *
     * @throws IllegalArgumentException if the prompt is empty or does not fit the context
     * @throws QueueFullException if the queue is full
     * @throws IllegalStateException if the loop is closed
     */
    public Handle submit(int[] prompt, GenerationRequest request, GenerationListener listener) {
        if (prompt.length == 0) throw new IllegalArgumentException("empty prompt: add BOS or some text");
        int ctx = engine.contextLength();
        if (prompt.length >= ctx) throw new IllegalArgumentException("prompt of " + prompt.length + " tokens does not fit the context of " + ctx);
        var sequence = new Sequence(prompt.clone(), request, listener);
        synchronized (this) {
            if (closed) throw new IllegalStateException("the decode loop is closed");
            if (active.size() + waiting.size() >= maxSequences + queueLimit) throw new QueueFullException(queueLimit);
            waiting.add(sequence);
            notifyAll();
        }
        return sequence;
    }

    private void loop() {
        try {
            while (true) {
                synchronized (this) {
                    while (!closed && active.isEmpty() && waiting.isEmpty()) wait();
                    if (closed) break;
                    while (active.size() < maxSequences && !waiting.isEmpty()) {
                        Sequence s = waiting.poll();
                        s.attach(freeSessions.isEmpty() ? engine.model().newSession(engine.contextLength(), 1) : freeSessions.poll());
                        active.add(s);
                    }
                }
                step();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            List<Sequence> left;
            synchronized (this) {
                left = new ArrayList<>(active);
                left.addAll(waiting);
                active.clear();
                waiting.clear();
            }
            for (Sequence s : left) s.finish(StopReason.CANCELLED);
        }
    }

    /** One forward pass: every decoding sequence's last token, then prompt chunks in arrival order. */
    private void step() {
        List<Sequence> stepped = new ArrayList<>();
        for (Iterator<Sequence> it = active.iterator(); it.hasNext(); ) {
            Sequence s = it.next();
            if (s.cancelled.get()) {
                s.finish(StopReason.CANCELLED);
                remove(it);
                release(s);
            }
        }
        for (Sequence s : active) {
            if (s.prefilled()) {
                batch.add(s.session, s.last, 0, 1, s.logits);
                stepped.add(s);
            }
        }
        for (Sequence s : active) {
            if (s.prefilled() || batch.remaining() == 0) continue;
            int n = Math.min(batch.remaining(), s.prompt.length - s.cursor);
            boolean completes = s.cursor + n == s.prompt.length;
            if (completes) {
                batch.add(s.session, s.prompt, s.cursor, s.cursor + n, s.logits);
                stepped.add(s);
            } else {
                batch.add(s.session, s.prompt, s.cursor, s.cursor + n);
            }
            s.cursor += n;
        }
        try {
            synchronized (engine) {
                batch.run();
            }
        } catch (RuntimeException e) {
            for (Sequence s : new ArrayList<>(active)) s.fail(e);
            synchronized (this) {
                active.clear();
            }
            return; // the failed sequences' caches may be inconsistent: they are dropped
        }
        for (Sequence s : stepped) {
            if (s.advance()) {
                synchronized (this) {
                    active.remove(s);
                }
                release(s);
            }
        }
    }

    private void release(Sequence s) {
        s.session.truncate(0);
        freeSessions.push(s.session);
    }

    private void remove(Iterator<Sequence> it) {
        synchronized (this) {
            it.remove();
        }
    }

    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            notifyAll();
        }
        try {
            thread.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One generation's state; the same steps as {@link Engine#generate}. */
    private final class Sequence implements Handle {
        final int[] prompt;
        final CompletableFuture<Generation> result = new CompletableFuture<>();
        final AtomicBoolean cancelled = new AtomicBoolean();
        final float[] logits;
        final GenerationSteps steps;
        final int[] last = new int[1];
        final long submitted = System.nanoTime();
        Session session;
        long prefilledAt;
        int cursor;
        boolean started;

        Sequence(int[] prompt, GenerationRequest request, GenerationListener listener) {
            this.prompt = prompt;
            int vocab = engine.config().vocabSize();
            this.logits = new float[vocab];
            this.steps = new GenerationSteps(engine.tokenizer(), vocab, engine.contextLength(), prompt, request, listener);
        }

        void attach(Session s) {
            session = s;
        }

        boolean prefilled() {
            return started;
        }

        /** Takes the logits just computed; returns true when the generation has ended. */
        boolean advance() {
            if (!started) {
                started = true;
                prefilledAt = System.nanoTime();
            }
            try {
                var end = steps.next(logits, session.position());
                if (end.isPresent()) return finish(end.get());
                if (cancelled.get()) return finish(StopReason.CANCELLED);
                last[0] = steps.lastToken();
                return false;
            } catch (RuntimeException e) {
                fail(e);
                return true;
            }
        }

        boolean finish(StopReason reason) {
            try {
                long now = System.nanoTime();
                long prefill = started ? prefilledAt - submitted : now - submitted;
                result.complete(steps.finish(reason, prefill, started ? now - prefilledAt : 0));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
            return true;
        }

        void fail(Throwable e) {
            result.completeExceptionally(e);
        }

        @Override
        public CompletableFuture<Generation> result() {
            return result;
        }

        @Override
        public void cancel() {
            cancelled.set(true);
        }
    }
}
