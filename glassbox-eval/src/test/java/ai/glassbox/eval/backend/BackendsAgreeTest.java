package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.run.EvalOptions;
import ai.glassbox.eval.run.EvalRun;
import ai.glassbox.eval.run.ProgressListener;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole evaluation through the OpenAI-compatible client on loopback scores every sample exactly as the in-process engine does. */
class BackendsAgreeTest {
    static final Path MODEL = Shared.model("stories260K.gguf");
    static final EngineOptions ENGINE = new EngineOptions(1, 1024, 64);
    static final List<String> TASKS = List.of("arc_easy", "truthfulqa_mc1", "winogrande", "gsm8k");

    @TempDir
    Path tmp;

    @Test
    void perSampleResultsAreIdenticalForBothBackends() throws IOException {
        TaskData data = TaskData.fromDirectory(Shared.root().resolve("datasets"));
        Path local = tmp.resolve("local"), remote = tmp.resolve("remote");
        try (var model = LocalEngineModel.open(MODEL, ENGINE)) {
            run(model, data, local);
        }
        try (Engine engine = Engine.load(MODEL, ENGINE);
                var server = OpenAiTestServer.start(engine, OpenAiTestServer.Behaviour.normal());
                var model = OpenAiCompatibleModel.open(OpenAiCompatibleConfig.of(List.of(server.baseUrl()), "stories260K").withTokenizer(MODEL).withConcurrency(3).withContextLength(1024))) {
            run(model, data, remote);
        }
        for (String task : TASKS) {
            List<String> a = summary(local.resolve("samples_" + task + ".jsonl")), b = summary(remote.resolve("samples_" + task + ".jsonl"));
            assertEquals(a, b, task);
        }
    }

    static void run(LanguageModel model, TaskData data, Path out) {
        EvalRun.run(model, data, new EvalOptions(TASKS, OptionalInt.of(4), OptionalInt.empty(), out, 3, Map.of()), ProgressListener.NONE);
    }

    /** Per sample: requests, summed log-probabilities with greedy flags or generated text, answers and metrics. */
    static List<String> summary(Path file) throws IOException {
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
