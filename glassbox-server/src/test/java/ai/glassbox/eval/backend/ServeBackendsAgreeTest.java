package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.run.EvalOptions;
import ai.glassbox.eval.run.EvalRun;
import ai.glassbox.eval.run.ProgressListener;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServedModel;
import ai.glassbox.server.ServerOptions;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole evaluation through the OpenAI-compatible client against {@code glassbox serve} scores and
 * generates every sample exactly as the in-process engine does: lm-evaluation-harness's setting of
 * an OpenAI backend pointed at a Glassbox server gives the local engine's results.
 */
class ServeBackendsAgreeTest {
    private static final Path MODEL = Shared.model("stories260K.gguf");
    private static final EngineOptions ENGINE = new EngineOptions(1, 1024, 64);
    private static final List<String> TASKS = List.of("arc_easy", "truthfulqa_mc1", "winogrande", "gsm8k");

    @TempDir
    Path tmp;

    @Test
    void perSampleResultsAreIdenticalForBothBackends() throws IOException {
        TaskData data = TaskData.fromDirectory(Shared.root().resolve("datasets"));
        Path local = tmp.resolve("local"), remote = tmp.resolve("remote");
        try (var model = LocalEngineModel.open(MODEL, ENGINE)) {
            run(model, data, local);
        }
        try (var server = GlassboxServer.start(List.of(ServedModel.of("stories260K", Engine.load(MODEL, ENGINE), 4, 16, 0)), ServerOptions.loopback(0));
                var model = OpenAiCompatibleModel.open(OpenAiCompatibleConfig.of(List.of(URI.create("http://127.0.0.1:" + server.port() + "/v1")), "stories260K")
                        .withTokenizer(MODEL).withConcurrency(3).withContextLength(1024))) {
            run(model, data, remote);
        }
        for (String task : TASKS) {
            List<String> a = summary(local.resolve("samples_" + task + ".jsonl")), b = summary(remote.resolve("samples_" + task + ".jsonl"));
            assertEquals(a, b, task);
        }
    }

    private static void run(LanguageModel model, TaskData data, Path out) {
        EvalRun.run(model, data, new EvalOptions(TASKS, OptionalInt.of(4), OptionalInt.empty(), out, 3, Map.of()), ProgressListener.NONE);
    }

    /** Per sample: requests, summed log-probabilities with greedy flags or generated text, answers and metrics. */
    private static List<String> summary(Path file) throws IOException {
        ObjectMapper json = new ObjectMapper();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode n = json.readTree(line);
            StringBuilder sb = new StringBuilder(n.get("requests").toString());
            for (JsonNode r : n.get("responses")) sb.append(r.has("text") ? r.get("text").toString() : r.get("logprob").asDouble() + "/" + r.get("greedy").asBoolean());
            out.add(sb.append(n.get("answers")).append(n.get("metrics")).toString());
        }
        return out;
    }
}
