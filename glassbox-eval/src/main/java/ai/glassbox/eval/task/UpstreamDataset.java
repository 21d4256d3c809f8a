package ai.glassbox.eval.task;

import ai.glassbox.eval.filter.PythonText;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;

/**
 * How a normalized dataset file is made from its canonical upstream files. Each conversion
 * reproduces the file pinned in {@link TaskData#PINNED} byte for byte; {@link DatasetFetcher}
 * checks both the upstream files and the result. Item text is never changed, only its structure.
 */
public sealed interface UpstreamDataset {
    /** The upstream files, in the order {@link #convert} takes their bytes. */
    List<UpstreamFile> sources();

    /**
     * The normalized items, in file order, from the verified bytes of {@link #sources()}.
     *
     * @throws DatasetException if the upstream files are not in the expected form
     */
    List<ObjectNode> convert(List<byte[]> upstream);

    /** The conversion that produces {@code file}, if there is a verified one. */
    static Optional<UpstreamDataset> forFile(String file) {
        return Optional.ofNullable(UpstreamSources.BY_FILE.get(file));
    }

    /** grade-school-math's JSONL of {question, answer}; {@code final} is the text after the last {@code "#### "}. */
    record Gsm8k(String split, UpstreamFile jsonl) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(jsonl);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode row : UpstreamSources.jsonLines(jsonl, upstream.get(0))) {
                String answer = UpstreamSources.text(row, "answer", jsonl);
                // Python: answer.split("#### ")[-1].strip()
                int mark = answer.lastIndexOf("#### ");
                String last = mark < 0 ? answer : answer.substring(mark + "#### ".length());
                items.add(UpstreamSources.object()
                        .put("id", "gsm8k/" + split + "/" + items.size())
                        .put("question", UpstreamSources.text(row, "question", jsonl))
                        .put("answer", answer)
                        .put("final", PythonText.strip(last)));
            }
            return items;
        }
    }

    /** PIQA's JSONL of {goal, sol1, sol2} and its labels file, one index per line. */
    record Piqa(UpstreamFile jsonl, UpstreamFile labels) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(jsonl, labels);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            List<JsonNode> rows = UpstreamSources.jsonLines(jsonl, upstream.get(0));
            List<String> answers = UpstreamSources.lines(labels, upstream.get(1));
            if (answers.size() != rows.size()) {
                throw new DatasetException(labels + " has " + answers.size() + " labels for the " + rows.size() + " items of " + jsonl);
            }
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode row : rows) {
                int i = items.size();
                ObjectNode item = UpstreamSources.object().put("id", "piqa/valid/" + i).put("question", UpstreamSources.text(row, "goal", jsonl));
                item.putArray("choices").add(UpstreamSources.text(row, "sol1", jsonl)).add(UpstreamSources.text(row, "sol2", jsonl));
                items.add(item.put("answer", UpstreamSources.integer(answers.get(i), labels, i + 1)));
            }
            return items;
        }
    }

    /**
     * TruthfulQA's {@code mc_task.json}: an array of {question, mc1_targets, mc2_targets}, each
     * target map from choice to 0 or 1 in the file's key order.
     */
    record TruthfulQaMc(UpstreamFile json) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(json);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            JsonNode all = UpstreamSources.jsonArray(json, upstream.get(0));
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode row : all) {
                int i = items.size();
                ObjectNode item = UpstreamSources.object().put("id", "truthfulqa/mc/" + i).put("question", UpstreamSources.text(row, "question", json));
                ArrayNode mc1 = item.putArray("mc1_choices");
                int answer = -1;
                for (var target : UpstreamSources.targets(row, "mc1_targets", json)) {
                    if (answer < 0 && target.getValue().asInt() == 1) answer = mc1.size();
                    mc1.add(target.getKey());
                }
                if (answer < 0) throw new DatasetException(json + " item " + i + ": no mc1 target is 1");
                item.put("mc1_answer", answer);
                ArrayNode mc2 = item.putArray("mc2_choices");
                ArrayNode labels = JsonNodeFactory.instance.arrayNode();
                for (var target : UpstreamSources.targets(row, "mc2_targets", json)) {
                    mc2.add(target.getKey());
                    labels.add(target.getValue().asInt());
                }
                item.set("mc2_labels", labels);
                items.add(item);
            }
            return items;
        }
    }

    /**
     * llama.cpp's HellaSwag text ({@code hellaswag_val_full.txt.bz2}): six lines per item, the
     * context, the gold index and the four endings. {@code activity_label} and {@code ctx} split
     * the context at its first {@code ": "}, as Python's {@code str.partition} does.
     */
    record Hellaswag(UpstreamFile bz2) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(bz2);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            byte[] text;
            // the digest is checked before this, so the decompressed size is known and bounded
            try (var in = new BZip2CompressorInputStream(new ByteArrayInputStream(upstream.get(0)), true)) {
                text = in.readAllBytes();
            } catch (IOException e) {
                throw new DatasetException(bz2 + ": not bzip2 data: " + e.getMessage(), e);
            }
            List<String> lines = UpstreamSources.lines(bz2, text);
            if (lines.size() % 6 != 0) throw new DatasetException(bz2 + " has " + lines.size() + " lines, not six per item");
            List<ObjectNode> items = new ArrayList<>();
            for (int at = 0; at < lines.size(); at += 6) {
                String context = lines.get(at);
                int colon = context.indexOf(": ");
                ObjectNode item = UpstreamSources.object()
                        .put("id", "hellaswag/val/" + items.size())
                        .put("context", context)
                        .put("activity_label", colon < 0 ? context : context.substring(0, colon))
                        .put("ctx", colon < 0 ? "" : context.substring(colon + 2));
                ArrayNode choices = item.putArray("choices");
                for (int k = 2; k < 6; k++) choices.add(lines.get(at + k));
                item.put("answer", UpstreamSources.integer(lines.get(at + 1), bz2, at + 2));
                items.add(item.put("text_form", "llama.cpp-preprocessed"));
            }
            return items;
        }
    }

    /**
     * AI2's ARC JSONL, one {@code {id, question: {stem, choices: [{text, label}]}, answerKey}} per
     * line, as the ARC-V1-Feb2018 release writes it.
     */
    record ArcJsonl(String subset, UpstreamFile jsonl) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(jsonl);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode row : UpstreamSources.jsonLines(jsonl, upstream.get(0))) {
                JsonNode question = UpstreamSources.field(row, "question", jsonl);
                List<String> texts = new ArrayList<>();
                List<String> labels = new ArrayList<>();
                for (JsonNode choice : UpstreamSources.array(question, "choices", jsonl)) {
                    texts.add(UpstreamSources.text(choice, "text", jsonl));
                    labels.add(UpstreamSources.text(choice, "label", jsonl));
                }
                items.add(UpstreamSources.arcItem(row, subset, UpstreamSources.text(question, "stem", jsonl), texts, labels, jsonl));
            }
            return items;
        }
    }

    /**
     * ARC as the HF hub's {@code allenai/ai2_arc} rows, written as one JSON array of
     * {@code {id, question, choices: {text: [...], label: [...]}, answerKey}}.
     */
    record ArcRows(String subset, UpstreamFile json) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(json);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            JsonNode all = UpstreamSources.jsonArray(json, upstream.get(0));
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode row : all) {
                JsonNode choices = UpstreamSources.field(row, "choices", json);
                List<String> texts = UpstreamSources.texts(choices, "text", json);
                List<String> labels = UpstreamSources.texts(choices, "label", json);
                if (texts.size() != labels.size()) throw new DatasetException(json + " item " + row.get("id") + ": " + texts.size() + " choices but " + labels.size() + " labels");
                items.add(UpstreamSources.arcItem(row, subset, UpstreamSources.text(row, "question", json), texts, labels, json));
            }
            return items;
        }
    }

    /**
     * MMLU as one CSV per subject ({@code question,choice0,choice1,choice2,choice3,answer}, the
     * answer a 0-based index), the subjects in alphabetical order; ids count within a subject.
     */
    record MmluCsv(String split, Map<String, UpstreamFile> subjects) implements UpstreamDataset {
        private static final List<String> HEADER = List.of("question", "choice0", "choice1", "choice2", "choice3", "answer");

        @Override
        public List<UpstreamFile> sources() {
            return List.copyOf(subjects.values());
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            List<ObjectNode> items = new ArrayList<>();
            int f = 0;
            for (var subject : subjects.entrySet()) {
                UpstreamFile csv = subject.getValue();
                List<List<String>> rows = UpstreamSources.csv(csv, upstream.get(f++));
                if (rows.isEmpty() || !rows.get(0).equals(HEADER)) throw new DatasetException(csv + ": expected the header " + String.join(",", HEADER));
                for (int r = 1; r < rows.size(); r++) {
                    List<String> row = rows.get(r);
                    if (row.size() != HEADER.size()) throw new DatasetException(csv + " record " + (r + 1) + ": " + row.size() + " fields, expected " + HEADER.size());
                    ObjectNode item = UpstreamSources.object()
                            .put("id", "mmlu/" + split + "/" + subject.getKey() + "/" + (r - 1))
                            .put("subject", subject.getKey())
                            .put("question", row.get(0));
                    ArrayNode choices = item.putArray("choices");
                    for (int k = 1; k <= 4; k++) choices.add(row.get(k));
                    int answer = UpstreamSources.integer(row.get(5), csv, r + 1);
                    if (answer < 0 || answer > 3) throw new DatasetException(csv + " record " + (r + 1) + ": answer " + answer + " is not 0 to 3");
                    items.add(item.put("answer", answer));
                }
            }
            return items;
        }
    }

    /**
     * WinoGrande's {@code dev.jsonl} (release 1.1), one {@code {qID, sentence, option1, option2,
     * answer}} per line, the answer {@code "1"} or {@code "2"}.
     */
    record WinograndeJsonl(UpstreamFile jsonl) implements UpstreamDataset {
        @Override
        public List<UpstreamFile> sources() {
            return List.of(jsonl);
        }

        @Override
        public List<ObjectNode> convert(List<byte[]> upstream) {
            List<ObjectNode> items = new ArrayList<>();
            for (JsonNode row : UpstreamSources.jsonLines(jsonl, upstream.get(0))) {
                String option1 = UpstreamSources.text(row, "option1", jsonl);
                String option2 = UpstreamSources.text(row, "option2", jsonl);
                String answer = UpstreamSources.text(row, "answer", jsonl);
                if (!answer.equals("1") && !answer.equals("2")) throw new DatasetException(jsonl + " item " + row.get("qID") + ": answer " + answer + " is not 1 or 2");
                ObjectNode item = UpstreamSources.object()
                        .put("id", UpstreamSources.text(row, "qID", jsonl))
                        .put("sentence", UpstreamSources.text(row, "sentence", jsonl))
                        .put("option1", option1)
                        .put("option2", option2);
                item.putArray("choices").add(option1).add(option2);
                items.add(item.put("answer", Integer.parseInt(answer) - 1));
            }
            return items;
        }
    }
}
