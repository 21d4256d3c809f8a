package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Upstream files not in the expected form are refused with the file and the item named. */
class UpstreamDatasetTest {
    private static final UpstreamFile CSV = new UpstreamFile("owner/repo", "0".repeat(40), "data/x_test.csv", 1, "0".repeat(64));
    private static final UpstreamFile JSONL = new UpstreamFile("owner/repo", "0".repeat(40), "data/x.jsonl", 1, "0".repeat(64));

    private static List<byte[]> bytes(String text) {
        return List.of(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String refusal(UpstreamDataset dataset, String text) {
        return assertThrows(DatasetException.class, () -> dataset.convert(bytes(text))).getMessage();
    }

    @Test
    void mmluKeepsQuotedCommasQuotesAndLineEnds() {
        var mmlu = new UpstreamDataset.MmluCsv("test", Map.of("x", CSV));
        var items = mmlu.convert(bytes("question,choice0,choice1,choice2,choice3,answer\n\"a, \"\"b\"\"\nc\",1,\" 2\",3,4,2\n"));
        assertEquals(1, items.size());
        assertEquals("mmlu/test/x/0", items.get(0).get("id").textValue());
        assertEquals("a, \"b\"\nc", items.get(0).get("question").textValue());
        assertEquals(" 2", items.get(0).get("choices").get(1).textValue());
        assertEquals(2, items.get(0).get("answer").intValue());
    }

    @Test
    void mmluRefusesAnotherHeaderAShortRecordAnAnswerOutOfRangeAndAnOpenQuote() {
        var mmlu = new UpstreamDataset.MmluCsv("test", Map.of("x", CSV));
        assertTrue(refusal(mmlu, "q,a,b,c,d,answer\n").contains("expected the header"));
        String header = "question,choice0,choice1,choice2,choice3,answer\n";
        String shortRecord = refusal(mmlu, header + "q,1,2,3,0\n");
        assertTrue(shortRecord.contains("record 2: 5 fields"), shortRecord);
        String range = refusal(mmlu, header + "q,1,2,3,4,4\n");
        assertTrue(range.contains("answer 4 is not 0 to 3") && range.contains("data/x_test.csv"), range);
        assertTrue(refusal(mmlu, header + "\"q,1,2,3,4,0\n").contains("malformed CSV"));
    }

    @Test
    void arcRefusesAnAnswerKeyThatIsNoLabel() {
        var arc = new UpstreamDataset.ArcJsonl("ARC-Challenge", JSONL);
        String e = refusal(arc, "{\"id\":\"q1\",\"question\":{\"stem\":\"s\",\"choices\":[{\"text\":\"t\",\"label\":\"A\"}]},\"answerKey\":\"B\"}\n");
        assertTrue(e.contains("item q1") && e.contains("answer key B"), e);
    }

    @Test
    void arcRowsTakeTheAnswerAsTheKeysIndexAmongTheLabels() {
        var arc = new UpstreamDataset.ArcRows("ARC-Easy", JSONL);
        var items = arc.convert(bytes("[{\"id\": \"q\", \"question\": \"s\", \"choices\": {\"text\": [\"a\", \"b\"], \"label\": [\"1\", \"2\"]}, \"answerKey\": \"2\"}]"));
        assertEquals(1, items.get(0).get("answer").intValue());
        assertEquals("ARC-Easy", items.get(0).get("subset").textValue());
        assertTrue(refusal(arc, "[{\"id\": \"q\", \"question\": \"s\", \"choices\": {\"text\": [\"a\"], \"label\": [\"1\", \"2\"]}, \"answerKey\": \"2\"}]")
                .contains("1 choices but 2 labels"));
    }

    @Test
    void winograndeRefusesAnAnswerOtherThanOneOrTwo() {
        var wino = new UpstreamDataset.WinograndeJsonl(JSONL);
        String e = refusal(wino, "{\"qID\": \"w1\", \"sentence\": \"_\", \"option1\": \"a\", \"option2\": \"b\", \"answer\": \"3\"}\n");
        assertTrue(e.contains("w1") && e.contains("answer 3"), e);
    }
}
