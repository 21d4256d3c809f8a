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
import java.util.List;
import java.util.Map;

/**
 * The upstream originals, rebuilt from the shared normalized files as their authors' Python wrote
 * them ({@code json.dumps} with its default {@code ensure_ascii=True}). The rebuilt bytes are
 * checked against the pinned upstream digests, so what the tests serve is the real upstream data.
 */
public final class UpstreamOriginals {
    private static final ObjectMapper JSON = new ObjectMapper();

    private UpstreamOriginals() {}

    /** Every pinned upstream file's bytes. */
    public static Map<UpstreamFile, byte[]> all() throws IOException {
        return Map.of(
                UpstreamSources.GSM8K_TEST, gsm8k("gsm8k_test.jsonl"),
                UpstreamSources.GSM8K_TRAIN, gsm8k("gsm8k_train.jsonl"),
                UpstreamSources.PIQA_VALID, piqaValid(),
                UpstreamSources.PIQA_VALID_LABELS, piqaLabels(),
                UpstreamSources.TRUTHFULQA_MC, truthfulQaMc(),
                // llama.cpp's text file is shared as it is
                UpstreamSources.HELLASWAG_VAL, Files.readAllBytes(Shared.dataset("hellaswag_val_full.txt.bz2")));
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

    /** Python's {@code json.dumps(node, indent=indent)} ({@code indent < 0}: none), with {@code ensure_ascii=True}. */
    static String dumps(JsonNode node, int indent) {
        var sb = new StringBuilder();
        write(node, indent, 1, sb);
        return sb.toString();
    }

    private static void write(JsonNode node, int indent, int depth, StringBuilder sb) {
        if (node.isTextual()) {
            string(node.textValue(), sb);
        } else if (node.isNumber()) {
            sb.append(node.asText());
        } else if (node.isContainerNode() && node.isEmpty()) {
            sb.append(node.isArray() ? "[]" : "{}");
        } else {
            boolean array = node.isArray();
            sb.append(array ? '[' : '{');
            String inside = indent < 0 ? "" : "\n" + " ".repeat(indent * depth);
            String separator = indent < 0 ? ", " : ",";
            List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
            if (array) node.forEach(v -> entries.add(Map.entry("", v)));
            else entries.addAll(node.properties());
            for (int i = 0; i < entries.size(); i++) {
                sb.append(i > 0 ? separator : "").append(inside);
                if (!array) string(entries.get(i).getKey(), sb).append(": ");
                write(entries.get(i).getValue(), indent, depth + 1, sb);
            }
            sb.append(indent < 0 ? "" : "\n" + " ".repeat(indent * (depth - 1))).append(array ? ']' : '}');
        }
    }

    /** Python's {@code ESCAPE_ASCII}: everything outside space to tilde is escaped, astral characters as surrogate pairs. */
    private static StringBuilder string(String s, StringBuilder sb) {
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
                default -> sb.append(c >= 0x20 && c <= 0x7e ? String.valueOf(c) : String.format("\\u%04x", (int) c));
            }
        }
        return sb.append('"');
    }
}
