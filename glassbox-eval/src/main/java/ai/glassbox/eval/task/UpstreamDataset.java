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
            JsonNode all = UpstreamSources.parse(json, 0, UpstreamSources.utf8(json, upstream.get(0)));
            if (!all.isArray()) throw new DatasetException(json + ": expected a JSON array");
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
}
