package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Splits streamed model output into reasoning text (between {@code <think>} and {@code </think>})
 * and answer text. Chunks may cut a tag anywhere: text that could be the start of a tag is held back
 * until the next chunk decides it. The tags themselves are not reported; every other character is
 * reported exactly once and in order, so the events' texts concatenated (tags re-inserted) give the
 * input back.
 *
 * <p>Templates such as DeepSeek-R1's and Qwen3's open {@code <think>} in the prompt itself; construct
 * with {@code startsInReasoning = true} for those, so generation is read as reasoning until
 * {@code </think>}.
 *
 * <p>Not thread-safe: one instance follows one generation.
 */
public final class ReasoningSplitter {
    /** A piece of output, in generation order. */
    public sealed interface Event {
        String text();
    }

    /** Text the model produced while reasoning. */
    public record Reasoning(String text) implements Event {}

    /** Text of the final answer. */
    public record Answer(String text) implements Event {}

    private final String openTag;
    private final String closeTag;
    private boolean inReasoning;
    private final StringBuilder pending = new StringBuilder();

    /** Splits on {@code <think>}/{@code </think>}, starting outside reasoning. */
    public ReasoningSplitter() {
        this(false);
    }

    /** Splits on {@code <think>}/{@code </think>}; {@code startsInReasoning} when the prompt opened the tag. */
    public ReasoningSplitter(boolean startsInReasoning) {
        this("<think>", "</think>", startsInReasoning);
    }

    /**
     * Splits on custom tags.
     *
     * @throws IllegalArgumentException if a tag is empty
     */
    public ReasoningSplitter(String openTag, String closeTag, boolean startsInReasoning) {
        if (Objects.requireNonNull(openTag, "openTag").isEmpty() || Objects.requireNonNull(closeTag, "closeTag").isEmpty()) {
            throw new IllegalArgumentException("reasoning tags must not be empty: '" + openTag + "', '" + closeTag + "'");
        }
        this.openTag = openTag;
        this.closeTag = closeTag;
        this.inReasoning = startsInReasoning;
    }

    /** Whether the text seen so far leaves the model inside a reasoning block. */
    public boolean inReasoning() {
        return inReasoning;
    }

    /**
     * Consumes the next chunk of generated text.
     *
     * @return the events this chunk completes; adjacent text of one kind is merged, and no event is empty
     */
    public List<Event> feed(String chunk) {
        pending.append(chunk);
        List<Event> events = new ArrayList<>();
        while (true) {
            String tag = inReasoning ? closeTag : openTag;
            int idx = pending.indexOf(tag);
            if (idx >= 0) {
                emit(events, pending.substring(0, idx));
                pending.delete(0, idx + tag.length());
                inReasoning = !inReasoning;
                continue;
            }
            // Hold back the longest tail that could still grow into the tag.
            int keep = partialTagLength(tag);
            emit(events, pending.substring(0, pending.length() - keep));
            pending.delete(0, pending.length() - keep);
            return events;
        }
    }

    /**
     * Ends the stream: text held back as a possible tag start is released as what it turned out to be.
     *
     * @return the remaining events, possibly none
     */
    public List<Event> finish() {
        List<Event> events = new ArrayList<>();
        emit(events, pending.toString());
        pending.setLength(0);
        return events;
    }

    private int partialTagLength(String tag) {
        for (int n = Math.min(tag.length() - 1, pending.length()); n > 0; n--) {
            if (pending.substring(pending.length() - n).equals(tag.substring(0, n))) return n;
        }
        return 0;
    }

    private void emit(List<Event> events, String text) {
        if (text.isEmpty()) return;
        if (!events.isEmpty()) {
            Event last = events.getLast();
            boolean same = inReasoning ? last instanceof Reasoning : last instanceof Answer;
            if (same) {
                events.set(events.size() - 1, make(last.text() + text));
                return;
            }
        }
        events.add(make(text));
    }

    private Event make(String text) {
        return inReasoning ? new Reasoning(text) : new Answer(text);
    }
}
