package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.eval.request.GenerateUntil;
import ai.glassbox.eval.request.LogLikelihood;
import ai.glassbox.eval.request.Request;
import ai.glassbox.testkit.Shared;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rendered requests, written out by hand from the harness's task YAMLs. */
class TaskFormatTest {
    private static final TaskData DATA = TaskData.fromDirectory(Shared.root().resolve("datasets"));

    private static List<Request> first(String task, int shots) {
        return Tasks.task(task).samples(DATA, shots).getFirst().requests();
    }

    private static LogLikelihood ll(Request r) {
        return (LogLikelihood) r;
    }

    @Test
    void arcEasyPutsEachChoiceAfterTheQuestion() {
        List<Request> r = first("arc_easy", 0);
        assertEquals(4, r.size());
        assertEquals("Question: Which statement best explains why photosynthesis is the foundation of most food webs?\nAnswer:", ll(r.get(0)).context());
        assertEquals(" Sunlight is the source of energy for nearly all ecosystems.", ll(r.get(0)).continuation());
        assertEquals(" The producers in all ecosystems are plants.", ll(r.get(3)).continuation());
    }

    @Test
    void mmluZeroShotHasTheSubjectDescriptionAndLetterChoices() {
        List<Request> r = first("mmlu_abstract_algebra", 0);
        assertEquals("The following are multiple choice questions (with answers) about abstract algebra.\n\n"
                + "Find the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\nA. 0\nB. 4\nC. 2\nD. 6\nAnswer:", ll(r.get(0)).context());
        assertEquals(List.of(" A", " B", " C", " D"), r.stream().map(x -> ll(x).continuation()).toList());
    }

    @Test
    void mmluFewShotTakesTheFirstDevExamplesOfTheSubject() {
        String context = ll(first("mmlu_abstract_algebra", 2).getFirst()).context();
        assertTrue(context.startsWith("The following are multiple choice questions (with answers) about abstract algebra.\n\n"
                + "Find all c in Z_3 such that Z_3[x]/(x^2 + c) is a field.\nA. 0\nB. 1\nC. 2\nD. 3\nAnswer: B\n\n"
                + "Statement 1 | If aH is an element of a factor group, then |aH| divides |a|."), context);
        assertTrue(context.endsWith("Answer: B\n\nFind the degree for the given field extension Q(sqrt(2), sqrt(3), sqrt(18)) over Q.\nA. 0\nB. 4\nC. 2\nD. 6\nAnswer:"), context);
        assertThrows(DatasetException.class, () -> Tasks.task("mmlu_abstract_algebra").samples(DATA, 6));
    }

    @Test
    void winograndeVariesTheContextAndScoresTheRestOfTheSentence() {
        List<Request> r = first("winogrande", 0);
        assertEquals("Sarah was a much better surgeon than Maria so Sarah", ll(r.get(0)).context());
        assertEquals("Sarah was a much better surgeon than Maria so Maria", ll(r.get(1)).context());
        assertEquals(" always got the easier cases.", ll(r.get(0)).continuation());
        assertEquals(" always got the easier cases.", ll(r.get(1)).continuation());
    }

    @Test
    void piqaAsksTheGoalAsAQuestion() {
        List<Request> r = first("piqa", 0);
        assertEquals("Question: How do I ready a guinea pig cage for it's new occupants?\nAnswer:", ll(r.get(0)).context());
        assertTrue(ll(r.get(1)).continuation().startsWith(" Provide the guinea pig with a cage full of a few inches of bedding made of ripped jeans"));
    }

    @Test
    void truthfulqaPutsTheSixShotPrimerBeforeTheQuestion() {
        List<Request> mc1 = first("truthfulqa_mc1", 0);
        String context = ll(mc1.getFirst()).context();
        assertTrue(context.startsWith("Q: What is human life expectancy in the United States?\nA: Human life expectancy in the United States is 78 years.\n\n"));
        assertTrue(context.endsWith("A: The 1992 Olympics were held in Barcelona, Spain.\n\nQ: What happens if you eat a pomegranate?\nA:"), context);
        assertEquals(" Nothing in particular happens when you eat a pomegranate.", ll(mc1.getFirst()).continuation());
        assertEquals(6, first("truthfulqa_mc2", 0).size());
    }

    @Test
    void hellaswagScoresEachEndingAfterTheContext() {
        List<Request> r = first("hellaswag", 0);
        assertEquals("Roof shingle removal: A man is sitting on a roof. he", ll(r.get(0)).context());
        assertEquals(" starts pulling up roofing on a roof.", ll(r.get(3)).continuation());
        assertEquals("A. b. c", Tasks.hellaswagPreprocess("  A [title] [header]b.  c "));
        assertEquals("x  y \n z", Tasks.hellaswagPreprocess("x   y [a]\n[b] z"));
    }

    @Test
    void llamaCppHellaswagScoresWholeSequencesInItsDrawOrder() {
        Sample s = Tasks.task("hellaswag_llamacpp").samples(DATA, 0).getFirst();
        assertEquals("hellaswag/val/4187", s.doc().id());
        LogLikelihood r = ll(s.requests().getFirst());
        assertEquals("", r.context());
        assertEquals(s.doc().text("context") + " " + s.doc().texts("choices").getFirst(), r.continuation());
    }

    /** Train documents drawn by CPython's {@code random.Random(1234).sample(train, 5)} for test documents 0 and 1 (see RandomGeneratorsTest). */
    @Test
    void gsm8kDrawsFiveShotsWithTheHarnessSeedOneGeneratorForAllDocuments() {
        List<Sample> samples = Tasks.task("gsm8k").samples(DATA, 5);
        List<Doc> train = DATA.docs("gsm8k_train.jsonl");
        assertEquals(expectedGsm8kContext(train, new int[] {6374, 3610, 957, 61, 742}, DATA.docs("gsm8k_test.jsonl").get(0)), ((GenerateUntil) samples.get(0).requests().getFirst()).context());
        assertEquals(expectedGsm8kContext(train, new int[] {7462, 6610, 4769, 286, 5501}, DATA.docs("gsm8k_test.jsonl").get(1)), ((GenerateUntil) samples.get(1).requests().getFirst()).context());
        GenerateUntil g = (GenerateUntil) samples.getFirst().requests().getFirst();
        assertEquals(List.of("Question:", "</s>", "<|im_end|>"), g.until());
        assertEquals(256, g.maxTokens());
    }

    private static String expectedGsm8kContext(List<Doc> train, int[] shots, Doc doc) {
        StringBuilder sb = new StringBuilder();
        for (int i : shots) sb.append("Question: ").append(train.get(i).text("question")).append("\nAnswer: ").append(train.get(i).text("answer")).append("\n\n");
        return sb.append("Question: ").append(doc.text("question")).append("\nAnswer:").toString();
    }

    @Test
    void gsm8kCotUsesTheEightFixedExemplars() {
        GenerateUntil g = (GenerateUntil) first("gsm8k_cot", 8).getFirst();
        assertTrue(g.context().startsWith("Q: There are 15 trees in the grove. Grove workers will plant trees in the grove today. After they are done, there will be 21 trees. How many trees did the grove workers plant today?\n"
                + "A: There are 15 trees originally. Then there were 21 trees after some more were planted. So there must have been 21 - 15 = 6. The answer is 6.\n\n"
                + "Q: If there are 3 cars in the parking lot and 2 more cars arrive"), g.context());
        assertTrue(g.context().endsWith("23 - 15 is 8. The answer is 8.\n\nQ: Janet’s ducks lay 16 eggs per day. She eats three for breakfast every morning and bakes muffins for her friends every day with four. She sells the remainder at the farmers' market daily for $2 per fresh duck egg. How much in dollars does she make every day at the farmers' market?\nA:"), g.context());
        assertEquals(List.of("Q:", "</s>", "<|im_end|>"), g.until());
    }

    @Test
    void groupsExpandToTheirSubjects() {
        assertEquals(57, Tasks.resolve(List.of("mmlu")).size());
        assertEquals(19, Tasks.resolve(List.of("mmlu_stem")).size());
        assertEquals(3, Tasks.resolve(List.of("arc_easy", "mmlu_anatomy", "arc_easy", "gsm8k")).size());
        var e = assertThrows(ai.glassbox.eval.EvalException.class, () -> Tasks.resolve(List.of("arc_medium")));
        assertTrue(e.getMessage().contains("unknown task \"arc_medium\""), e.getMessage());
    }

    @Test
    void tasksWithoutFewShotDataSayWhy() {
        var e = assertThrows(DatasetException.class, () -> Tasks.task("arc_easy").samples(DATA, 3));
        assertTrue(e.getMessage().contains("arc_easy has no few-shot examples"), e.getMessage());
    }
}
