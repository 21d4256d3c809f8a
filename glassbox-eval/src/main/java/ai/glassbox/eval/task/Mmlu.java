package ai.glassbox.eval.task;

import ai.glassbox.eval.filter.PythonText;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * MMLU as lm-evaluation-harness's {@code mmlu/default} defines it: 57 subject tasks
 * {@code mmlu_<subject>} in four groups, 0-shot unless asked, few-shot examples the first k of the
 * subject's dev split.
 */
public final class Mmlu {
    private Mmlu() {}

    /** The subjects in the harness's order, with their group ({@code stem}, {@code humanities}, {@code social_sciences}, {@code other}). */
    public static final Map<String, String> SUBJECTS = subjects();

    /** The groups in the harness's results order. */
    public static final List<String> GROUPS = List.of("humanities", "other", "social_sciences", "stem");

    static MultipleChoiceTask subject(String subject) {
        var format = new MultipleChoiceTask.Format(
                d -> PythonText.strip(d.text("question")) + "\nA. " + choice(d, 0) + "\nB. " + choice(d, 1) + "\nC. " + choice(d, 2) + "\nD. " + choice(d, 3) + "\nAnswer:",
                d -> List.of("A", "B", "C", "D"),
                d -> d.index("answer", 4),
                d -> "The following are multiple choice questions (with answers) about " + subject.replace('_', ' ') + ".\n\n");
        return new MultipleChoiceTask("mmlu_" + subject, "1.0", "mmlu_test.jsonl",
                        format, MultipleChoiceTask.Layout.CHOICE_AS_CONTINUATION, MultipleChoiceTask.Scoring.ACC,
                        new Fewshot.FirstN("mmlu_dev.jsonl", d -> subject.equals(d.text("subject"))),
                        Map.of("dataset_path", "cais/mmlu", "dataset_name", subject, "test_split", "test", "fewshot_split", "dev", "fewshot_config", Map.of("sampler", "first_n")))
                .onlyDocs(d -> subject.equals(d.text("subject")));
    }

    private static String choice(Doc d, int i) {
        List<String> c = d.texts("choices");
        if (c.size() != 4) throw new DatasetException("document " + d.id() + " of mmlu: " + c.size() + " choices, expected 4");
        return c.get(i);
    }

    private static Map<String, String> subjects() {
        var m = new LinkedHashMap<String, String>();
        String[][] table = {
            {"abstract_algebra", "stem"}, {"anatomy", "stem"}, {"astronomy", "stem"}, {"business_ethics", "other"},
            {"clinical_knowledge", "other"}, {"college_biology", "stem"}, {"college_chemistry", "stem"},
            {"college_computer_science", "stem"}, {"college_mathematics", "stem"}, {"college_medicine", "other"},
            {"college_physics", "stem"}, {"computer_security", "stem"}, {"conceptual_physics", "stem"},
            {"econometrics", "social_sciences"}, {"electrical_engineering", "stem"}, {"elementary_mathematics", "stem"},
            {"formal_logic", "humanities"}, {"global_facts", "other"}, {"high_school_biology", "stem"},
            {"high_school_chemistry", "stem"}, {"high_school_computer_science", "stem"},
            {"high_school_european_history", "humanities"}, {"high_school_geography", "social_sciences"},
            {"high_school_government_and_politics", "social_sciences"}, {"high_school_macroeconomics", "social_sciences"},
            {"high_school_mathematics", "stem"}, {"high_school_microeconomics", "social_sciences"},
            {"high_school_physics", "stem"}, {"high_school_psychology", "social_sciences"},
            {"high_school_statistics", "stem"}, {"high_school_us_history", "humanities"},
            {"high_school_world_history", "humanities"}, {"human_aging", "other"}, {"human_sexuality", "social_sciences"},
            {"international_law", "humanities"}, {"jurisprudence", "humanities"}, {"logical_fallacies", "humanities"},
            {"machine_learning", "stem"}, {"management", "other"}, {"marketing", "other"}, {"medical_genetics", "other"},
            {"miscellaneous", "other"}, {"moral_disputes", "humanities"}, {"moral_scenarios", "humanities"},
            {"nutrition", "other"}, {"philosophy", "humanities"}, {"prehistory", "humanities"},
            {"professional_accounting", "other"}, {"professional_law", "humanities"}, {"professional_medicine", "other"},
            {"professional_psychology", "social_sciences"}, {"public_relations", "social_sciences"},
            {"security_studies", "social_sciences"}, {"sociology", "social_sciences"},
            {"us_foreign_policy", "social_sciences"}, {"virology", "other"}, {"world_religions", "humanities"},
        };
        for (String[] row : table) m.put(row[0], row[1]);
        return java.util.Collections.unmodifiableMap(m);
    }
}
