package ai.glassbox.eval.task;

import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The upstream originals, rebuilt from the shared normalized files as their authors wrote them
 * (mostly Python's {@code json.dumps} with its default {@code ensure_ascii=True}). The rebuilt
 * bytes are checked against the pinned upstream digests, so what the tests serve is the real
 * upstream data.
 */
public final class UpstreamOriginals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamOriginals() {}

    /** Every pinned upstream file's bytes. */
    public static Map<UpstreamFile, byte[]> all() throws IOException {
        Map<UpstreamFile, byte[]> all = new LinkedHashMap<>();
        all.put(UpstreamSources.GSM8K_TEST, gsm8k("gsm8k_test.jsonl"));
        all.put(UpstreamSources.GSM8K_TRAIN, gsm8k("gsm8k_train.jsonl"));
        all.put(UpstreamSources.PIQA_VALID, piqaValid());
        all.put(UpstreamSources.PIQA_VALID_LABELS, piqaLabels());
        all.put(UpstreamSources.TRUTHFULQA_MC, truthfulQaMc());
        // llama.cpp's text file is shared as it is
        all.put(UpstreamSources.HELLASWAG_VAL, Files.readAllBytes(Shared.dataset("hellaswag_val_full.txt.bz2")));
        all.put(UpstreamSources.ARC_CHALLENGE_TEST, arcJsonl("arc_challenge.jsonl"));
        all.put(UpstreamSources.ARC_EASY_TEST, arcRows("arc_easy.jsonl"));
        all.put(UpstreamSources.WINOGRANDE_DEV, winogrande());
        all.putAll(mmlu("mmlu_test.jsonl", UpstreamSources.MMLU_TEST));
        all.putAll(mmlu("mmlu_dev.jsonl", UpstreamSources.MMLU_DEV));
        return all;
    }

    /** AI2's JSONL: compact separators, non-ASCII characters raw, every line ended. */
    static byte[] arcJsonl(String normalized) {
        var sb = new StringBuilder();
        for (JsonNode d : normalized(normalized)) {
            ObjectNode row = object();
            row.set("id", d.get("id"));
            ObjectNode question = row.putObject("question");
            question.set("stem", d.get("question"));
            var choices = question.putArray("choices");
            for (int i = 0; i < d.get("choices").size(); i++) {
                choices.addObject().<ObjectNode>set("text", d.get("choices").get(i)).set("label", d.get("labels").get(i));
            }
            row.set("answerKey", d.get("answerKey"));
            sb.append(dumps(row, Style.COMPACT_UNICODE)).append('\n');
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** {@code json.dump(rows, f, indent=2)} of the HF hub's rows, without a final line end. */
    static byte[] arcRows(String normalized) {
        var rows = JsonNodeFactory.instance.arrayNode();
        for (JsonNode d : normalized(normalized)) {
            ObjectNode row = rows.addObject();
            row.set("id", d.get("id"));
            row.set("question", d.get("question"));
            ObjectNode choices = row.putObject("choices");
            choices.set("text", d.get("choices"));
            choices.set("label", d.get("labels"));
            row.set("answerKey", d.get("answerKey"));
        }
        return ascii(new StringBuilder(dumps(rows, 2)));
    }

    /** {@code json.dumps({qID, sentence, option1, option2, answer})} per line, the answer "1" or "2". */
    static byte[] winogrande() {
        var sb = new StringBuilder();
        for (JsonNode d : normalized("winogrande_dev.jsonl")) {
            ObjectNode row = object();
            row.set("qID", d.get("id"));
            row.set("sentence", d.get("sentence"));
            row.set("option1", d.get("option1"));
            row.set("option2", d.get("option2"));
            row.put("answer", Integer.toString(d.get("answer").intValue() + 1));
            sb.append(dumps(row, -1)).append('\n');
        }
        return ascii(sb);
    }

    /** One CSV per subject as pandas' {@code to_csv(index=False)} writes it: Python's minimal quoting, {@code \n} line ends. */
    static Map<UpstreamFile, byte[]> mmlu(String normalized, Map<String, UpstreamFile> files) {
        Map<String, StringBuilder> csv = new LinkedHashMap<>();
        for (JsonNode d : normalized(normalized)) {
            var sb = csv.computeIfAbsent(d.get("subject").textValue(), s -> new StringBuilder("question,choice0,choice1,choice2,choice3,answer\n"));
            sb.append(csvField(d.get("question").textValue()));
            for (JsonNode c : d.get("choices")) sb.append(',').append(csvField(c.textValue()));
            sb.append(',').append(d.get("answer").intValue()).append('\n');
        }
        Map<UpstreamFile, byte[]> all = new LinkedHashMap<>();
        files.forEach((subject, file) -> all.put(file, csv.get(subject).toString().getBytes(StandardCharsets.UTF_8)));
        return all;
    }

    /** Python's {@code QUOTE_MINIMAL}: quoted only when it holds the delimiter, the quote or a line end; quotes doubled. */
    private static String csvField(String s) {
        boolean quote = s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\r') >= 0;
        return quote ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    /** {@code json.dumps({"question": q, "answer": a}) + "\n"} per line. */
    static byte[] gsm8k(String normalized) {
        var sb = new StringBuilder();
        for (JsonNode d : normalized(normalized)) {
            ObjectNode row = object();
            row.set("question", d.get("question"));
            row.set("answer", d.get("answer"));
            sb.append(dumps(row, -1)).append('\n');
        }
        return ascii(sb);
    }

    static byte[] piqaValid() {
        var sb = new StringBuilder();
        for (JsonNode d : normalized("piqa_val.jsonl")) {
            ObjectNode row = object();
            row.set("goal", d.get("question"));
            row.set("sol1", d.get("choices").get(0));
            row.set("sol2", d.get("choices").get(1));
            sb.append(dumps(row, -1)).append('\n');
        }
        return ascii(sb);
    }

    static byte[] piqaLabels() {
        var sb = new StringBuilder();
        for (JsonNode d : normalized("piqa_val.jsonl")) sb.append(d.get("answer").intValue()).append('\n');
        return ascii(sb);
    }

    /** {@code json.dumps(items, indent=2)} of {question, mc1_targets, mc2_targets}, without a final line end. */
    static byte[] truthfulQaMc() {
        var items = JsonNodeFactory.instance.arrayNode();
        for (JsonNode d : normalized("truthfulqa_mc.jsonl")) {
            ObjectNode item = items.addObject();
            item.set("question", d.get("question"));
            ObjectNode mc1 = item.putObject("mc1_targets");
            for (int i = 0; i < d.get("mc1_choices").size(); i++) {
                mc1.put(d.get("mc1_choices").get(i).textValue(), i == d.get("mc1_answer").intValue() ? 1 : 0);
            }
            ObjectNode mc2 = item.putObject("mc2_targets");
            for (int i = 0; i < d.get("mc2_choices").size(); i++) {
                mc2.put(d.get("mc2_choices").get(i).textValue(), d.get("mc2_labels").get(i).intValue());
            }
        }
        return ascii(new StringBuilder(dumps(items, 2)));
    }

    private static List<JsonNode> normalized(String file) {
        try {
            List<JsonNode> docs = new ArrayList<>();
            for (String line : Files.readAllLines(Shared.dataset(file), StandardCharsets.UTF_8)) docs.add(JSON.readTree(line));
            return docs;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    private static byte[] ascii(StringBuilder sb) {
        return sb.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** How a JSON writer lays out and escapes its output. */
    private record Style(int indent, String itemSeparator, String keySeparator, boolean ascii) {
        static final Style COMPACT_UNICODE = new Style(-1, ",", ":", false);
    }

    /** Python's {@code json.dumps(node, indent=indent)} ({@code indent < 0}: none), with {@code ensure_ascii=True}. */
    static String dumps(JsonNode node, int indent) {
        return dumps(node, new Style(indent, indent < 0 ? ", " : ",", ": ", true));
    }

    private static String dumps(JsonNode node, Style style) {
        var sb = new StringBuilder();
        write(node, style, 1, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, Style style, int depth, StringBuilder sb) {
        int indent = style.indent();
        if (node.isTextual()) {
            string(node.textValue(), style.ascii(), sb);
        } else if (node.isNumber()) {
            sb.append(node.asText());
        } else if (node.isContainerNode() && node.isEmpty()) {
            sb.append(node.isArray() ? "[]" : "{}");
        } else {
            boolean array = node.isArray();
            sb.append(array ? '[' : '{');
            String inside = indent < 0 ? "" : "\n" + " ".repeat(indent * depth);
            String separator = style.itemSeparator();
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            if (array) node.forEach(v -> entries.add(Map.entry("", v)));
            else entries.addAll(node.properties());
            for (int i = 0; i < entries.size(); i++) {
                sb.append(i > 0 ? separator : "").append(inside);
                if (!array) string(entries.get(i).getKey(), style.ascii(), sb).append(style.keySeparator());
                write(entries.get(i).getValue(), style, depth + 1, sb);
            }
            sb.append(indent < 0 ? "" : "\n" + " ".repeat(indent * (depth - 1))).append(array ? ']' : '}');
        }
    }

    /**
     * Python's {@code ESCAPE_ASCII} ({@code ascii}): everything outside space to tilde is escaped,
     * astral characters as surrogate pairs; otherwise only the quote, the backslash and the C0 controls.
     */
    private static StringBuilder string(String s, boolean ascii, StringBuilder sb) {
        sb.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> sb.append(c >= 0x20 && (c <= 0x7e || !ascii) ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"');
    }
}
