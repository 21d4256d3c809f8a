package ai.glassbox.eval.task;

import ai.glassbox.eval.filter.PythonText;
import ai.glassbox.eval.task.UpstreamDataset.Gsm8k;
import ai.glassbox.eval.task.UpstreamDataset.Hellaswag;
import ai.glassbox.eval.task.UpstreamDataset.Piqa;
import ai.glassbox.eval.task.UpstreamDataset.TruthfulQaMc;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The pinned upstream files (from {@code shared/datasets/manifest.json}) and parsing helpers. */
final class UpstreamSources {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GSM8K_REPO = "openai/grade-school-math";
    private static final String GSM8K_COMMIT = "3101c7d5072418e28b9008a6636bde82a006892c";
    private static final String PIQA_REPO = "ybisk/ybisk.github.io";
    private static final String PIQA_COMMIT = "21edab439af693b961be2f069e8690a88d3b4e37";

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

    static final Map<String, UpstreamDataset> BY_FILE = Map.of(
            "gsm8k_test.jsonl", new Gsm8k("test", GSM8K_TEST),
            "gsm8k_train.jsonl", new Gsm8k("train", GSM8K_TRAIN),
            "piqa_val.jsonl", new Piqa(PIQA_VALID, PIQA_VALID_LABELS),
            "truthfulqa_mc.jsonl", new TruthfulQaMc(TRUTHFULQA_MC),
            "hellaswag_val.jsonl", new Hellaswag(HELLASWAG_VAL));

    private UpstreamSources() {}

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
}
