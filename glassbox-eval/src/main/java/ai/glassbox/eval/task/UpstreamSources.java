package ai.glassbox.eval.task;

import ai.glassbox.eval.filter.PythonText;
import ai.glassbox.eval.task.UpstreamDataset.ArcJsonl;
import ai.glassbox.eval.task.UpstreamDataset.ArcRows;
import ai.glassbox.eval.task.UpstreamDataset.Gsm8k;
import ai.glassbox.eval.task.UpstreamDataset.Hellaswag;
import ai.glassbox.eval.task.UpstreamDataset.MmluCsv;
import ai.glassbox.eval.task.UpstreamDataset.Piqa;
import ai.glassbox.eval.task.UpstreamDataset.TruthfulQaMc;
import ai.glassbox.eval.task.UpstreamDataset.WinograndeJsonl;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The pinned upstream files (from {@code shared/datasets/manifest.json}) and parsing helpers. */
final class UpstreamSources {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GSM8K_REPO = "openai/grade-school-math";
    private static final String GSM8K_COMMIT = "3101c7d5072418e28b9008a6636bde82a006892c";
    private static final String PIQA_REPO = "ybisk/ybisk.github.io";
    private static final String PIQA_COMMIT = "21edab439af693b961be2f069e8690a88d3b4e37";
    private static final String MMLU_REPO = "HaeChan0305/MLILAB-FedLLM";
    private static final String MMLU_COMMIT = "d92730e8bacd7b3a61e551e015e40588e10234b4";

    static final UpstreamFile GSM8K_TEST = new UpstreamFile(GSM8K_REPO, GSM8K_COMMIT, "grade_school_math/data/test.jsonl",
            749_738, "3730d312f6e3440559ace48831e51066acaca737f6eabec99bccb9e4b3c39d14");
    static final UpstreamFile GSM8K_TRAIN = new UpstreamFile(GSM8K_REPO, GSM8K_COMMIT, "grade_school_math/data/train.jsonl",
            4_166_206, "17f347dc51477c50d4efb83959dbb7c56297aba886e5544ee2aaed3024813465");
    static final UpstreamFile PIQA_VALID = new UpstreamFile(PIQA_REPO, PIQA_COMMIT, "piqa/data/valid.jsonl",
            495_929, "93503cc97c679e459b065c3d13e848282e44b2a25213985bed3e5d458abef72d");
    static final UpstreamFile PIQA_VALID_LABELS = new UpstreamFile(PIQA_REPO, PIQA_COMMIT, "piqa/data/valid-labels.lst",
            3_676, "b4192dc3a2a0363d9d60ccf79800cbbe2f32ebb17726efdde6970e0b8131bceb");
    // The 2021 file that published MC1/MC2 numbers use (data/v1/ since the January 2025
    // revision). The pin was recorded from a copy reached through the fork koppula/TruthfulQA at
    // this commit; GitHub serves a fork network's commits under the original repository's name
    // too, and the SHA-256 pin, not the name, is what guarantees the bytes.
    static final UpstreamFile TRUTHFULQA_MC = new UpstreamFile("sylinrl/TruthfulQA", "d71c110897f5d31c5d7f309e7bc316c152f6f031",
            "data/v1/mc_task.json", 755_456, "b3799639bc76c939836d587de7d30b48d91012cb34be04806d33106ce06c162a");
    // llama.cpp's preprocessed HellaSwag validation text, made from rowanz/hellaswag's hellaswag_val.jsonl
    static final UpstreamFile HELLASWAG_VAL = new UpstreamFile("klosax/hellaswag_text_data", "1105d370f8340eac3c63a91fd1fa58e8999f9505",
            "hellaswag_val_full.txt.bz2", 1_964_544, "50b637899e4263c2bc456c2dc726c95d2c8cd8e2a552ea5bd7719ce3cb03fe5b");

    // AI2's ARC-V1-Feb2018 Challenge test JSONL, as the release has it; ids, order and answer keys
    // agree with AI2's answer file in allenai/aristo-leaderboard
    static final UpstreamFile ARC_CHALLENGE_TEST = new UpstreamFile("hthuwal/ARC-Challenge", "9a7550e7d2be1795c99efff256c283077612ab9f",
            "do_analysis/ARC-Challenge-Test.jsonl", 492_726, "9fa8ffb3e3a1f88cb302d53dd95aae81e39209ad9bcf974376b319d8fd35717c");
    // the HF hub's allenai/ai2_arc ARC-Easy test rows, written by json.dump(rows, indent=2)
    static final UpstreamFile ARC_EASY_TEST = new UpstreamFile("Youssef-Malek2004/CoT-Unfaithfulness-Induction-Via-SDF",
            "9137c1d30b2b289f6deee8aa00c9d9da639155b9", "data/arc_easy/test.json", 1_083_084,
            "4d34ed0f67800ef3d25f23c8925a830f0377fc7226b464e1fefdd2d1df8d7485");
    // WinoGrande 1.1's dev.jsonl byte for byte (the LFS object's id is this SHA-256)
    static final UpstreamFile WINOGRANDE_DEV = new UpstreamFile("genggui001/opencompass", "3290907a83a6f8f61ed0733eb4361c76dd46eb97",
            "data/winogrande/dev.jsonl", 275_682, "1aeac79cf46a3dcbe59a71ca7e5372a1490cde2b4ae2387dc56f00378104d2e8", true);
    private static final Map<String, Map<String, UpstreamFile>> MMLU = mmlu();
    static final Map<String, UpstreamFile> MMLU_TEST = MMLU.get("test");
    static final Map<String, UpstreamFile> MMLU_DEV = MMLU.get("dev");

    static final Map<String, UpstreamDataset> BY_FILE = Map.ofEntries(
            Map.entry("gsm8k_test.jsonl", new Gsm8k("test", GSM8K_TEST)),
            Map.entry("gsm8k_train.jsonl", new Gsm8k("train", GSM8K_TRAIN)),
            Map.entry("piqa_val.jsonl", new Piqa(PIQA_VALID, PIQA_VALID_LABELS)),
            Map.entry("truthfulqa_mc.jsonl", new TruthfulQaMc(TRUTHFULQA_MC)),
            Map.entry("hellaswag_val.jsonl", new Hellaswag(HELLASWAG_VAL)),
            Map.entry("arc_challenge.jsonl", new ArcJsonl("ARC-Challenge", ARC_CHALLENGE_TEST)),
            Map.entry("arc_easy.jsonl", new ArcRows("ARC-Easy", ARC_EASY_TEST)),
            Map.entry("mmlu_test.jsonl", new MmluCsv("test", MMLU_TEST)),
            Map.entry("mmlu_dev.jsonl", new MmluCsv("dev", MMLU_DEV)),
            Map.entry("winogrande_dev.jsonl", new WinograndeJsonl(WINOGRANDE_DEV)));

    private UpstreamSources() {}

    /**
     * MMLU's per-subject CSV files by split, then subject to file in alphabetical order, from the
     * pins in {@code mmlu-upstream.tsv} (a copy of the HF hub's {@code cais/mmlu}).
     */
    private static Map<String, Map<String, UpstreamFile>> mmlu() {
        Map<String, Map<String, UpstreamFile>> files = new LinkedHashMap<>();
        try (InputStream in = UpstreamSources.class.getResourceAsStream("mmlu-upstream.tsv");
                var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t");
                String split = f[0];
                files.computeIfAbsent(split, k -> new LinkedHashMap<>())
                        .put(f[1], new UpstreamFile(MMLU_REPO, MMLU_COMMIT, "data/mmlu/" + split + "/" + f[1] + "_" + split + ".csv", Integer.parseInt(f[2]), f[3]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the MMLU pins", e);
        }
        return files;
    }

    static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    static String utf8(UpstreamFile file, byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new DatasetException(file + ": not UTF-8 text: " + e.getMessage(), e);
        }
    }

    /** The file's lines split at {@code "\n"}, without the empty piece after a final line end. */
    static List<String> lines(UpstreamFile file, byte[] bytes) {
        String[] lines = utf8(file, bytes).split("\n", -1);
        int n = lines.length > 0 && lines[lines.length - 1].isEmpty() ? lines.length - 1 : lines.length;
        return Arrays.asList(lines).subList(0, n);
    }

    static List<JsonNode> jsonLines(UpstreamFile file, byte[] bytes) {
        List<String> lines = lines(file, bytes);
        List<JsonNode> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) rows.add(parse(file, i + 1, lines.get(i)));
        return rows;
    }

    /** The whole file as one JSON array. */
    static JsonNode jsonArray(UpstreamFile file, byte[] bytes) {
        JsonNode all = parse(file, 0, utf8(file, bytes));
        if (!all.isArray()) throw new DatasetException(file + ": expected a JSON array");
        return all;
    }

    /** @param line the 1-based line, or 0 for the whole file */
    static JsonNode parse(UpstreamFile file, int line, String text) {
        try {
            return JSON.readTree(text);
        } catch (JacksonException e) {
            throw new DatasetException(file + (line > 0 ? " line " + line : "") + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
    }

    static String text(JsonNode row, String field, UpstreamFile file) {
        JsonNode v = row.get(field);
        if (v == null || !v.isTextual()) throw new DatasetException(file + ": item without a string " + field + ": " + row);
        return v.textValue();
    }

    static Iterable<Map.Entry<String, JsonNode>> targets(JsonNode row, String field, UpstreamFile file) {
        JsonNode v = row.get(field);
        if (v == null || !v.isObject()) throw new DatasetException(file + ": item without an object " + field + ": " + row.get("question"));
        return v.properties();
    }

    /** Python's {@code int(s)} for a decimal line. */
    static int integer(String s, UpstreamFile file, int line) {
        try {
            return Integer.parseInt(PythonText.strip(s));
        } catch (NumberFormatException e) {
            throw new DatasetException(file + " line " + line + ": not an integer: " + s, e);
        }
    }

    /** The file's records as RFC 4180 CSV, quoted fields keeping their commas, quotes and line ends. */
    static List<List<String>> csv(UpstreamFile file, byte[] bytes) {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(utf8(file, bytes))).setFormat(CSVFormat.RFC4180).get()) {
            for (CSVRecord record : parser) rows.add(record.toList());
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            throw new DatasetException(file + ": malformed CSV: " + e.getMessage(), e);
        }
        return rows;
    }

    static JsonNode field(JsonNode row, String field, UpstreamFile file) {
        JsonNode v = row.get(field);
        if (v == null) throw new DatasetException(file + ": item without " + field + ": " + row.get("id"));
        return v;
    }

    static JsonNode array(JsonNode row, String field, UpstreamFile file) {
        JsonNode v = field(row, field, file);
        if (!v.isArray()) throw new DatasetException(file + ": item whose " + field + " is not an array: " + row.get("id"));
        return v;
    }

    static List<String> texts(JsonNode row, String field, UpstreamFile file) {
        List<String> texts = new ArrayList<>();
        for (JsonNode v : array(row, field, file)) {
            if (!v.isTextual()) throw new DatasetException(file + ": " + field + " holds a " + v.getNodeType() + ", not a string");
            texts.add(v.textValue());
        }
        return texts;
    }

    /** An ARC item: the answer is the index of the answer key among the labels. */
    static ObjectNode arcItem(JsonNode row, String subset, String question, List<String> texts, List<String> labels, UpstreamFile file) {
        String id = text(row, "id", file);
        String key = text(row, "answerKey", file);
        int answer = labels.indexOf(key);
        if (answer < 0) throw new DatasetException(file + " item " + id + ": answer key " + key + " is not one of the labels " + labels);
        ObjectNode item = object().put("id", id).put("subset", subset).put("question", question);
        ArrayNode choices = item.putArray("choices");
        texts.forEach(choices::add);
        ArrayNode labelArray = item.putArray("labels");
        labels.forEach(labelArray::add);
        return item.put("answer", answer).put("answerKey", key);
    }
}
