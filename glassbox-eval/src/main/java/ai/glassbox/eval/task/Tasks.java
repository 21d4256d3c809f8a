package ai.glassbox.eval.task;

import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.filter.FilterPipeline;
import ai.glassbox.eval.filter.PythonText;
import ai.glassbox.eval.filter.RegexFilter;
import ai.glassbox.eval.filter.TakeFirst;
import ai.glassbox.eval.metric.ExactMatch;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The tasks Glassbox runs, by the harness's names, and the groups that expand to several tasks
 * ({@code mmlu}, {@code mmlu_stem}, ...). An explicit registry: adding a task is adding a line.
 */
public final class Tasks {
    private Tasks() {}

    private static final Map<String, Supplier<Task>> TASKS = registry();

    /** Every task name, in registry order. */
    public static List<String> names() {
        return List.copyOf(TASKS.keySet());
    }

    /** Group names and the tasks each expands to. */
    public static Map<String, List<String>> groups() {
        var g = new LinkedHashMap<String, List<String>>();
        g.put("mmlu", Mmlu.SUBJECTS.keySet().stream().map(s -> "mmlu_" + s).toList());
        for (String group : Mmlu.GROUPS) {
            g.put("mmlu_" + group, Mmlu.SUBJECTS.entrySet().stream().filter(e -> e.getValue().equals(group)).map(e -> "mmlu_" + e.getKey()).toList());
        }
        return g;
    }

    /** The task called {@code name}. */
    public static Task task(String name) {
        Supplier<Task> t = TASKS.get(name);
        if (t == null) throw new EvalException("unknown task \"" + name + "\"; known: " + String.join(", ", TASKS.keySet().stream().filter(n -> !n.startsWith("mmlu_")).toList()) + ", mmlu and its groups and subjects (mmlu_stem, mmlu_anatomy, ...)");
        return t.get();
    }

    /** Expands a comma-separated list of task and group names into tasks, without duplicates, in the order given. */
    public static List<Task> resolve(List<String> names) {
        var out = new LinkedHashSet<String>();
        for (String n : names) {
            String name = n.strip();
            if (name.isEmpty()) continue;
            List<String> members = groups().get(name);
            if (members != null) out.addAll(members);
            else {
                task(name);
                out.add(name);
            }
        }
        if (out.isEmpty()) throw new EvalException("no tasks given");
        List<Task> tasks = new ArrayList<>();
        for (String n : out) tasks.add(task(n));
        return tasks;
    }

    private static Map<String, Supplier<Task>> registry() {
        var r = new LinkedHashMap<String, Supplier<Task>>();
        r.put("arc_easy", () -> arc("arc_easy", "arc_easy.jsonl", "ARC-Easy"));
        r.put("arc_challenge", () -> arc("arc_challenge", "arc_challenge.jsonl", "ARC-Challenge"));
        r.put("hellaswag", Tasks::hellaswag);
        r.put(LlamaCppHellaswag.NAME, LlamaCppHellaswag::new);
        r.put("piqa", Tasks::piqa);
        r.put("winogrande", Tasks::winogrande);
        r.put("truthfulqa_mc1", Tasks::truthfulqaMc1);
        r.put("truthfulqa_mc2", Tasks::truthfulqaMc2);
        r.put("gsm8k", Tasks::gsm8k);
        r.put("gsm8k_cot", Tasks::gsm8kCot);
        for (String subject : Mmlu.SUBJECTS.keySet()) r.put("mmlu_" + subject, () -> Mmlu.subject(subject));
        return java.util.Collections.unmodifiableMap(r);
    }

    // ---- multiple choice ----

    private static Task arc(String name, String file, String subset) {
        var format = new MultipleChoiceTask.Format(d -> "Question: " + d.text("question") + "\nAnswer:", d -> d.texts("choices"), d -> d.index("answer", d.texts("choices").size()));
        return new MultipleChoiceTask(name, "1.0", file, format, MultipleChoiceTask.Layout.CHOICE_AS_CONTINUATION, MultipleChoiceTask.Scoring.ACC_AND_NORM,
                new Fewshot.None(), Map.of("dataset_path", "allenai/ai2_arc", "dataset_name", subset, "test_split", "test"));
    }

    private static Task hellaswag() {
        var format = new MultipleChoiceTask.Format(
                d -> hellaswagPreprocess(d.text("context")),
                d -> d.texts("choices").stream().map(Tasks::hellaswagPreprocess).toList(),
                d -> d.index("answer", 4));
        return new MultipleChoiceTask("hellaswag", "1.0", "hellaswag_val.jsonl", format, MultipleChoiceTask.Layout.CHOICE_AS_CONTINUATION,
                MultipleChoiceTask.Scoring.ACC_AND_NORM, new Fewshot.None(), Map.of("dataset_path", "Rowan/hellaswag", "validation_split", "validation"));
    }

    private static final Pattern BRACKETS = PythonText.pattern("\\[.*?\\]");

    /** The harness's {@code hellaswag/utils.py preprocess}: strip, " [title]" to ". ", drop bracketed tags, collapse one level of double spaces. */
    static String hellaswagPreprocess(String text) {
        String t = PythonText.strip(text);
        t = t.replace(" [title]", ". ");
        t = BRACKETS.matcher(t).replaceAll("");
        return t.replace("  ", " ");
    }

    private static Task piqa() {
        var format = new MultipleChoiceTask.Format(d -> "Question: " + d.text("question") + "\nAnswer:", d -> d.texts("choices"), d -> d.index("answer", 2));
        return new MultipleChoiceTask("piqa", "1.0", "piqa_val.jsonl", format, MultipleChoiceTask.Layout.CHOICE_AS_CONTINUATION,
                MultipleChoiceTask.Scoring.ACC_AND_NORM, new Fewshot.None(), Map.of("dataset_path", "ybisk/piqa", "validation_split", "validation"));
    }

    /** WinoGrande's partial evaluation: the context is the sentence up to the blank with each option, the continuation the rest. */
    private static Task winogrande() {
        var format = new MultipleChoiceTask.Format(
                d -> {
                    String s = d.text("sentence");
                    return PythonText.strip(s.substring(blank(d) + 1));
                },
                d -> {
                    String s = d.text("sentence");
                    int i = blank(d);
                    return List.of(s.substring(0, i) + d.text("option1"), s.substring(0, i) + d.text("option2"));
                },
                d -> d.index("answer", 2));
        return new MultipleChoiceTask("winogrande", "1.0", "winogrande_dev.jsonl", format, MultipleChoiceTask.Layout.CONTEXT_PER_CHOICE,
                MultipleChoiceTask.Scoring.ACC, new Fewshot.None(), Map.of("dataset_path", "allenai/winogrande", "dataset_name", "winogrande_xl", "validation_split", "validation"));
    }

    private static int blank(Doc d) {
        int i = d.text("sentence").indexOf('_');
        if (i < 0) throw new DatasetException("document " + d.id() + " of winogrande: the sentence has no blank \"_\"");
        return i;
    }

    /** The six-shot QA primer that TruthfulQA's MC tasks put before every question. */
    static final String TRUTHFULQA_PRIMER = "Q: What is human life expectancy in the United States?\n"
            + "A: Human life expectancy in the United States is 78 years.\n\n"
            + "Q: Who was president of the United States in 1955?\n"
            + "A: Dwight D. Eisenhower was president of the United States in 1955.\n\n"
            + "Q: Which party did he belong to?\n"
            + "A: He belonged to the Republican Party.\n\n"
            + "Q: What is the square root of banana?\n"
            + "A: I have no comment.\n\n"
            + "Q: How does a telescope work?\n"
            + "A: Telescopes use lenses or mirrors to focus light and make objects appear closer.\n\n"
            + "Q: Where were the 1992 Olympics held?\n"
            + "A: The 1992 Olympics were held in Barcelona, Spain.";

    private static String truthfulqaText(Doc d) {
        return TRUTHFULQA_PRIMER + "\n\nQ: " + d.text("question") + "\nA:";
    }

    private static Task truthfulqaMc1() {
        var format = new MultipleChoiceTask.Format(Tasks::truthfulqaText, d -> d.texts("mc1_choices"), d -> d.index("mc1_answer", d.texts("mc1_choices").size()));
        return new MultipleChoiceTask("truthfulqa_mc1", "2.0", "truthfulqa_mc.jsonl", format, MultipleChoiceTask.Layout.CHOICE_AS_CONTINUATION,
                MultipleChoiceTask.Scoring.ACC, new Fewshot.None(), Map.of("dataset_path", "truthfulqa/truthful_qa", "dataset_name", "multiple_choice", "validation_split", "validation"));
    }

    private static Task truthfulqaMc2() {
        var format = new MultipleChoiceTask.Format(Tasks::truthfulqaText, d -> d.texts("mc2_choices"), d -> 0);
        return new MultipleChoiceTask("truthfulqa_mc2", "2.0", "truthfulqa_mc.jsonl", format, MultipleChoiceTask.Layout.CHOICE_AS_CONTINUATION,
                MultipleChoiceTask.Scoring.MC2, new Fewshot.None(), Map.of("dataset_path", "truthfulqa/truthful_qa", "dataset_name", "multiple_choice", "validation_split", "validation"));
    }

    // ---- generative ----

    private static final ExactMatch GSM8K_MATCH = new ExactMatch(List.of(",", "\\$", "(?s).*#### ", "\\.$"), true, false);
    private static final FilterPipeline FLEXIBLE_EXTRACT = new FilterPipeline("flexible-extract", List.of(new RegexFilter("(-?[$0-9.,]{2,})|(-?[0-9]+)", -1), new TakeFirst()));

    private static Task gsm8k() {
        var format = new GenerativeTask.Format(d -> "Question: " + d.text("question") + "\nAnswer:", d -> d.text("answer"), d -> d.text("answer"));
        return new GenerativeTask("gsm8k", "3.0", "gsm8k_test.jsonl", format, new Fewshot.RandomSample("gsm8k_train.jsonl", 1234), 5,
                List.of("Question:", "</s>", "<|im_end|>"), 256,
                List.of(new FilterPipeline("strict-match", List.of(new RegexFilter("#### (\\-?[0-9\\.\\,]+)", 0), new TakeFirst())), FLEXIBLE_EXTRACT),
                GSM8K_MATCH);
    }

    private static Task gsm8kCot() {
        var format = new GenerativeTask.Format(
                d -> "Q: " + d.text("question") + "\nA:",
                d -> {
                    String a = d.text("answer");
                    int i = a.lastIndexOf("####");
                    return PythonText.strip(i < 0 ? a : a.substring(i + 4));
                },
                d -> d.text("target"));
        return new GenerativeTask("gsm8k_cot", "3.0", "gsm8k_test.jsonl", format, new Fewshot.Fixed(Gsm8kCot.EXEMPLARS), 8,
                List.of("Q:", "</s>", "<|im_end|>"), 256,
                List.of(new FilterPipeline("strict-match", List.of(new RegexFilter("The answer is (\\-?[0-9\\.\\,]+).", 0), new TakeFirst())), FLEXIBLE_EXTRACT),
                GSM8K_MATCH);
    }
}
