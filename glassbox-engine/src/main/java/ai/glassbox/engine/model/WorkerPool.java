package ai.glassbox.engine.model;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * A dedicated pool that splits index ranges (matrix rows, attention heads) across threads.
 *
 * <p>Every index is handed to exactly one thread and processed whole, so results never depend on
 * the thread count: parallelism is over outputs, never inside a reduction. Workers spin briefly
 * between tasks (decode issues hundreds of short tasks per token) and park when idle. One caller at
 * a time: {@link #forRange} is not re-entrant.
 */
public final class WorkerPool implements AutoCloseable {
    /** A body run over {@code [start, end)}. */
    @FunctionalInterface
    public interface RangeTask {
        void run(int start, int end);
    }

    private static final int SPINS_BEFORE_PARK = 200_000;
    /**
     * Spins after which a waiting thread also yields: on an oversubscribed machine the thread it
     * waits for may be queued behind it on the same core, and a pure spin would hold that core
     * for a whole scheduler time slice (a token then takes seconds instead of milliseconds).
     */
    private static final int SPINS_BEFORE_YIELD = 2_000;

    private final Thread[] workers;
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicInteger finished = new AtomicInteger();
    private volatile long generation;
    private volatile boolean closed;
    private volatile RangeTask task;
    private volatile int count;
    private volatile int grain;
    private volatile Throwable failure;

    /** A pool using {@code threads} threads in all: the caller plus {@code threads - 1} workers. */
    public WorkerPool(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, is " + threads);
        workers = new Thread[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = Thread.ofPlatform().daemon().name("glassbox-worker-" + (i + 1)).unstarted(this::workerLoop);
            workers[i].start();
        }
    }

    /** Threads taking part in each task, the caller included. */
    public int threads() {
        return workers.length + 1;
    }

    /**
     * Runs {@code body} over {@code [0, n)} in chunks of {@code grain} indices, spread over the pool,
     * and returns when all are done. Exceptions thrown by the body are rethrown here.
     */
    public void forRange(int n, int grain, RangeTask body) {
        if (n <= 0) return;
        if (workers.length == 0 || n <= grain) {
            body.run(0, n);
            return;
        }
        this.task = body;
        this.count = n;
        this.grain = Math.max(1, grain);
        this.failure = null;
        next.set(0);
        finished.set(0);
        generation++; // volatile write publishes the task to the workers
        for (Thread w : workers) LockSupport.unpark(w);
        try {
            work();
        } catch (Throwable e) {
            failure = e;
            next.set(Integer.MAX_VALUE / 2);
        }
        for (int spins = 0; finished.get() < workers.length; spins++) pause(spins);
        this.task = null;
        Throwable f = failure;
        if (f != null) {
            if (f instanceof RuntimeException r) throw r;
            if (f instanceof Error e) throw e;
            throw new IllegalStateException(f);
        }
    }

    private void work() {
        RangeTask t = task;
        int n = count;
        int g = grain;
        int start;
        while ((start = next.getAndAdd(g)) < n) {
            t.run(start, Math.min(start + g, n));
        }
    }

    private static void pause(int spins) {
        if (spins < SPINS_BEFORE_YIELD) Thread.onSpinWait();
        else Thread.yield();
    }

    private void workerLoop() {
        long seen = 0;
        while (true) {
            int spins = 0;
            while (generation == seen && !closed) {
                if (++spins < SPINS_BEFORE_PARK) pause(spins);
                else LockSupport.park(this);
            }
            if (closed) return;
            seen = generation;
            try {
                work();
            } catch (Throwable e) {
                failure = e;
                next.set(Integer.MAX_VALUE / 2); // stop handing out chunks
            }
            finished.incrementAndGet();
        }
    }

    @Override
    public void close() {
        closed = true;
        for (Thread w : workers) LockSupport.unpark(w);
    }
}
