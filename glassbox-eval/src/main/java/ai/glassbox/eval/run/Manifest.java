package ai.glassbox.eval.run;

import ai.glassbox.eval.EvalException;
import ai.glassbox.eval.ModelIdentity;
import ai.glassbox.eval.task.TaskData;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.TreeMap;

/**
 * {@code manifest.json}: everything a run's results depend on — the model's identity (file
 * SHA-256 or endpoint and model name, engine version), each task's version, dataset SHA-256,
 * few-shot count and seed, limit and request-set hash, and the backend settings. A resumed run
 * must have an identical manifest.
 */
final class Manifest {
    private Manifest() {}

    static final String FILE = "manifest.json";
    /** lm-evaluation-harness's default {@code fewshot_random_seed}. */
    static final int FEWSHOT_SEED = 1234;

    static ObjectNode create(ModelIdentity model, TaskData data, EvalOptions options, java.util.List<EvalRun.PlannedTask> plan) {
        ObjectNode m = JsonNodeFactory.instance.objectNode();
        m.put("format", "glassbox-eval-run/1");
        ObjectNode mn = m.putObject("model");
        mn.put("backend", model.backend());
        mn.put("name", model.name());
        ObjectNode props = mn.putObject("properties");
        model.properties().forEach(props::put);
        ObjectNode settings = m.putObject("settings");
        new TreeMap<>(options.settings()).forEach(settings::put);
        settings.put("samples_per_batch", options.samplesPerBatch());
        m.put("fewshot_seed", FEWSHOT_SEED);
        if (options.limit().isPresent()) m.put("limit", options.limit().getAsInt());
        else m.putNull("limit");
        ObjectNode tasks = m.putObject("tasks");
        for (EvalRun.PlannedTask p : plan) {
            ObjectNode t = tasks.putObject(p.task().name());
            t.put("version", p.task().version());
            t.put("dataset_file", p.task().datasetFile());
            t.put("dataset_sha256", data.sha256(p.task().datasetFile()));
            t.put("num_fewshot", p.numFewshot());
            t.put("samples", p.samples().size());
            t.put("request_set_sha256", p.requestSetSha256());
        }
        return m;
    }

    /**
     * Writes the manifest of a new run, or checks that an existing one is the same run.
     *
     * @return the manifest in effect: the new one, or the one already in {@code dir}, which may
     *     name another {@link #MODEL_PATH} (the same model file, moved since)
     */
    static ObjectNode writeOrCheck(Path dir, ObjectNode manifest) {
        Path file = dir.resolve(FILE);
        try {
            if (Files.exists(file)) {
                JsonNode old = Json.MAPPER.readTree(file.toFile());
                String diff = firstDifference("", withoutModelPath(old), withoutModelPath(manifest));
                if (diff != null) throw new EvalException(dir + " holds a different run (" + diff + "); choose another --out directory");
                return (ObjectNode) old;
            }
            Path tmp = dir.resolve(FILE + ".tmp");
            Files.writeString(tmp, Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return manifest;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    /**
     * The model property that says where the model file was. It tells a re-run where to look;
     * the file's identity is its SHA-256, so a run may be continued from a copy elsewhere.
     */
    static final String MODEL_PATH = "path";

    private static JsonNode withoutModelPath(JsonNode manifest) {
        JsonNode copy = manifest.deepCopy();
        if (copy.path("model").path("properties") instanceof ObjectNode props) props.remove(MODEL_PATH);
        return copy;
    }

    /** A JSON pointer and both values where {@code a} and {@code b} first differ, or null. */
    static String firstDifference(String path, JsonNode a, JsonNode b) {
        if (a.isObject() && b.isObject()) {
            var keys = new java.util.TreeSet<String>();
            a.fieldNames().forEachRemaining(keys::add);
            b.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                JsonNode x = a.get(k), y = b.get(k);
                if (x == null || y == null) return path + "/" + k + " is " + (x == null ? "missing" : x) + " there, " + (y == null ? "missing" : y) + " now";
                String d = firstDifference(path + "/" + k, x, y);
                if (d != null) return d;
            }
            return null;
        }
        return a.equals(b) ? null : path + " is " + a + " there, " + b + " now";
    }
}
