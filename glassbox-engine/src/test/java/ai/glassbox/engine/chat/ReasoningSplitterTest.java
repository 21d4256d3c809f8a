package ai.glassbox.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.chat.ReasoningSplitter.Answer;
import ai.glassbox.engine.chat.ReasoningSplitter.Event;
import ai.glassbox.engine.chat.ReasoningSplitter.Reasoning;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReasoningSplitterTest {
    private static final String TEXT = "<think>\nLet me add: 2+2=4.\n</think>\n\nThe answer is 4.";

    /** Feeds the chunks and returns [reasoning, answer] concatenated, checking events are well formed. */
    private static String[] split(ReasoningSplitter s, List<String> chunks) {
        List<Event> events = new ArrayList<>();
        for (String c : chunks) events.addAll(s.feed(c));
        events.addAll(s.finish());
        StringBuilder reasoning = new StringBuilder(), answer = new StringBuilder();
        for (Event e : events) {
            assertFalse(e.text().isEmpty(), "no empty events");
            switch (e) {
                case Reasoning r -> reasoning.append(r.text());
                case Answer a -> answer.append(a.text());
            }
        }
        return new String[] {reasoning.toString(), answer.toString()};
    }

    @Test
    void separatesReasoningFromAnswerInOneChunk() {
        String[] parts = split(new ReasoningSplitter(), List.of(TEXT));
        assertEquals("\nLet me add: 2+2=4.\n", parts[0]);
        assertEquals("\n\nThe answer is 4.", parts[1]);
    }

    @Test
    void tagsSplitAtEveryPositionGiveTheSameResult() {
        for (int i = 0; i <= TEXT.length(); i++) {
            for (int j = i; j <= TEXT.length(); j++) {
                List<String> chunks = List.of(TEXT.substring(0, i), TEXT.substring(i, j), TEXT.substring(j));
                String[] parts = split(new ReasoningSplitter(), chunks);
                String where = "split at " + i + "," + j;
                assertEquals("\nLet me add: 2+2=4.\n", parts[0], where);
                assertEquals("\n\nThe answer is 4.", parts[1], where);
            }
        }
    }

    @Test
    void characterByCharacterStreamingSplitsCorrectly() {
        List<String> chars = TEXT.chars().mapToObj(c -> Character.toString((char) c)).toList();
        String[] parts = split(new ReasoningSplitter(), chars);
        assertEquals("\nLet me add: 2+2=4.\n", parts[0]);
        assertEquals("\n\nThe answer is 4.", parts[1]);
    }

    @Test
    void promptOpenedThinkMeansGenerationStartsInReasoning() {
        String generated = "I should add.</think>4";
        for (int i = 0; i <= generated.length(); i++) {
            ReasoningSplitter s = new ReasoningSplitter(true);
            assertTrue(s.inReasoning());
            String[] parts = split(s, List.of(generated.substring(0, i), generated.substring(i)));
            assertEquals("I should add.", parts[0], "split at " + i);
            assertEquals("4", parts[1], "split at " + i);
            assertFalse(s.inReasoning());
        }
    }

    @Test
    void textResemblingATagPrefixIsReleasedOnceDisproved() {
        ReasoningSplitter s = new ReasoningSplitter();
        assertEquals(List.of(new Answer("a ")), s.feed("a <th"));
        assertEquals(List.of(new Answer("<thing>")), s.feed("ing>"));
    }

    @Test
    void heldBackPartialTagIsFlushedAtFinish() {
        ReasoningSplitter s = new ReasoningSplitter(true);
        assertEquals(List.of(new Reasoning("thinking ")), s.feed("thinking </thi"));
        assertEquals(List.of(new Reasoning("</thi")), s.finish());
    }

    @Test
    void unterminatedReasoningStaysReasoning() {
        String[] parts = split(new ReasoningSplitter(), List.of("<think>still going"));
        assertEquals("still going", parts[0]);
        assertEquals("", parts[1]);
    }

    @Test
    void outputWithoutTagsIsAllAnswer() {
        String[] parts = split(new ReasoningSplitter(), List.of("Hello ", "<b>world</b>"));
        assertEquals("", parts[0]);
        assertEquals("Hello <b>world</b>", parts[1]);
    }

    @Test
    void customTagsAreHonoured() {
        ReasoningSplitter s = new ReasoningSplitter("[THINK]", "[/THINK]", false);
        String[] parts = split(s, List.of("[THI", "NK]hmm[/TH", "INK]ok"));
        assertEquals("hmm", parts[0]);
        assertEquals("ok", parts[1]);
    }

    @Test
    void emptyTagIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new ReasoningSplitter("", "</think>", false));
    }
}
