package ai.glassbox.engine.model;

import java.util.ArrayList;
import java.util.List;

/**
 * One forward pass over tokens of several sessions at once: the unit of continuous batching. Add
 * each session's next tokens (one while it decodes, a chunk of its prompt while it is prefilled),
 * then {@link #run()}. Each session's logits are the same bits as if it ran alone, so what else is
 * in the batch never changes a result. Not thread-safe; sessions of one model share its worker
 * pool, so run one batch (or session call) of a model at a time.
 */
public final class StepBatch {
    private static final float[] NO_LOGITS = new float[0];

    private record Entry(Session session, int first, int count, float[] logitsOut) {}

    private final Transformer transformer;
    private final WorkerPool pool;
    private final ForwardState buffers;
    private final int[] tokens;
    private final List<Entry> entries = new ArrayList<>();
    private int used;

    StepBatch(Transformer transformer, WorkerPool pool, int contextLength, int maxTokens) {
        this.transformer = transformer;
        this.pool = pool;
        this.buffers = new ForwardState(transformer.config(), contextLength, maxTokens, 0);
        this.tokens = new int[maxTokens];
    }

    /** Token slots one run holds. */
    public int capacity() {
        return tokens.length;
    }

    /** Token slots still free before the next run. */
    public int remaining() {
        return tokens.length - used;
    }

    /** Adds {@code tokens[from, to)} of {@code session} without asking for logits. */
    public void add(Session session, int[] tokens, int from, int to) {
        add(session, tokens, from, to, NO_LOGITS);
    }

    /**
     * Adds {@code tokens[from, to)} of {@code session}, to be processed after what it holds; after
     * {@link #run()} the logits after the last of them are in {@code logitsOut}.
     *
     * @throws IllegalArgumentException if the tokens don't fit the batch or the session's context,
     *     the session is already in this batch, or it belongs to another model
     */
    public void add(Session session, int[] tokens, int from, int to, float[] logitsOut) {
        int n = to - from;
        if (n < 1) throw new IllegalArgumentException("nothing to add");
        if (n > remaining()) throw new IllegalArgumentException(n + " tokens do not fit the " + remaining() + " free slots of the batch");
        if (session.transformer() != transformer) throw new IllegalArgumentException("the session belongs to another model");
        if (logitsOut.length > 0 && logitsOut.length < transformer.config().vocabSize()) throw new IllegalArgumentException("logits buffer shorter than the vocabulary");
        for (Entry e : entries) if (e.session == session) throw new IllegalArgumentException("the session is already in this batch");
        KvCache kv = session.cache();
        if (kv.length() + n > kv.contextLength) throw new ContextOverflowException(kv.length() + n, kv.contextLength);
        System.arraycopy(tokens, from, this.tokens, used, n);
        entries.add(new Entry(session, used, n, logitsOut));
        used += n;
    }

    /** Processes everything added, advances each session, and empties the batch. */
    public void run() {
        if (used == 0) return;
        try {
            for (Entry e : entries) {
                KvCache kv = e.session.cache();
                for (int i = 0; i < e.count; i++) {
                    int slot = e.first + i;
                    buffers.slotCache[slot] = kv;
                    buffers.slotPosition[slot] = kv.length() + i;
                    buffers.slotLogits[slot] = i == e.count - 1 && e.logitsOut.length > 0;
                }
            }
            transformer.forwardSlots(buffers, pool, tokens, 0, used);
            for (Entry e : entries) {
                KvCache kv = e.session.cache();
                kv.setLength(kv.length() + e.count);
                if (e.logitsOut.length > 0) {
                    System.arraycopy(buffers.logits[e.first + e.count - 1], 0, e.logitsOut, 0, transformer.config().vocabSize());
                }
            }
        } finally {
            java.util.Arrays.fill(buffers.slotCache, null);
            entries.clear();
            used = 0;
        }
    }
}
