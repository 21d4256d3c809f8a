package ai.glassbox.eval.task;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The dataset files of a run, read from a directory of normalized JSONL files (the layout of
 * {@code shared/datasets}). Files Glassbox knows are pinned by SHA-256: a file that differs is
 * refused, so a result always names the exact data it was computed on. Thread-safe.
 */
public final class TaskData {
    /** SHA-256 of the normalized dataset files the tasks are defined on. */
    public static final Map<String, String> PINNED = Map.ofEntries(
            Map.entry("arc_challenge.jsonl", "d745903acc1ebeda0c2e02bb62fbb8d38216bf9c503c56faa2b742684170f446"),
            Map.entry("arc_easy.jsonl", "06eb63a6895aab1b1fa602378c6a6982c54b7d641d49925218bf1290a6b23ad7"),
            Map.entry("gsm8k_test.jsonl", "c79598406fd5ffc21e12f35332433161d69afba24e227069abf57d5c2ca92e80"),
            Map.entry("gsm8k_train.jsonl", "0db554aca32ede565590ddd356f4c6b77e7ae11599791896e6212631fb1033a4"),
            Map.entry("hellaswag_val.jsonl", "df6009f0b1daba5852985209e3d76d3e9430cd06972a4ab1a987f34a7ab9bc4c"),
            Map.entry("mmlu_dev.jsonl", "20b3710503ae3f790f3f6590a74661d3db6ffda0de90433d7f989224a7d8e167"),
            Map.entry("mmlu_test.jsonl", "b88a6cfd6318173743d03a93eb282444d26f586ed3e9f0b21beb1029eef75d16"),
            Map.entry("piqa_val.jsonl", "cc0a2c6251cdb31307aa606f2b416de0e824c5d9da793bbcd93ca843a3f66a6f"),
            Map.entry("truthfulqa_mc.jsonl", "5b351731293a3b655e66bc745feced8e7659d68ef15b152d4702cc841e0c6d06"),
            Map.entry("winogrande_dev.jsonl", "e40f09b474eef3152a51a88d5bfb7c8e3eb176a1e61400d04eccddb7c42c2bbc"));

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path directory;
    private final Map<String, Loaded> loaded = new ConcurrentHashMap<>();

    private record Loaded(String sha256, List<Doc> docs) {}

    private TaskData(Path directory) {
        this.directory = directory;
    }

    /**
     * Datasets in {@code directory}.
     *
     * @throws DatasetException if it is not a directory
     */
    public static TaskData fromDirectory(Path directory) {
        if (!Files.isDirectory(directory)) throw new DatasetException("dataset directory " + directory + " does not exist");
        return new TaskData(directory.toAbsolutePath().normalize());
    }

    /** The first of {@code $GLASSBOX_DATA}, {@code ./datasets} and {@code ../shared/datasets} that exists. */
    public static Optional<Path> defaultDirectory() {
        String env = System.getenv("GLASSBOX_DATA");
        if (env != null && !env.isBlank()) return Optional.of(Path.of(env));
        for (Path p : List.of(Path.of("datasets"), Path.of("..", "shared", "datasets"))) {
            if (Files.isDirectory(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public Path directory() {
        return directory;
    }

    /** The documents of {@code file}, in file order. */
    public List<Doc> docs(String file) {
        return load(file).docs;
    }

    /** The SHA-256 of {@code file}'s bytes. */
    public String sha256(String file) {
        return load(file).sha256;
    }

    private Loaded load(String file) {
        return loaded.computeIfAbsent(file, this::read);
    }

    private Loaded read(String file) {
        Path path = directory.resolve(file);
        if (!Files.isRegularFile(path)) throw new DatasetException("dataset file " + path + " does not exist");
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        List<Doc> docs = new ArrayList<>();
        var decoder = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        try (InputStream in = new DigestInputStream(Files.newInputStream(path), sha);
                BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder))) {
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) continue;
                docs.add(parse(path, lineNo, docs.size(), line));
            }
        } catch (IOException e) {
            throw new DatasetException("cannot read dataset file " + path + ": " + e.getMessage(), e);
        }
        String digest = HexFormat.of().formatHex(sha.digest());
        String pinned = PINNED.get(file);
        if (pinned != null && !pinned.equals(digest)) {
            throw new DatasetException("dataset file " + path + " has SHA-256 " + digest + ", not the pinned " + pinned + ": it is not the data the task is defined on");
        }
        return new Loaded(digest, List.copyOf(docs));
    }

    private static Doc parse(Path path, int lineNo, int index, String line) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new DatasetException(path + " line " + lineNo + ": malformed JSON: " + e.getOriginalMessage(), e);
        }
        if (!node.isObject()) throw new DatasetException(path + " line " + lineNo + ": expected a JSON object");
        JsonNode id = node.get("id");
        if (id == null) id = node.get("task_id");
        return new Doc(index, id != null && id.isValueNode() ? id.asText() : Integer.toString(index), node);
    }
}
