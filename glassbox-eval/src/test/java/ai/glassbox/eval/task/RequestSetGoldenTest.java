package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.eval.run.RequestSet;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Pins the SHA-256 of every task's complete request set at its default few-shot count, as
 * lm-evaluation-harness pins its {@code tests/testdata} hashes: a change to any prompt, delimiter,
 * few-shot draw or stop sequence fails here and shows up in review as a diff of the golden file.
 * Regenerate with {@code -Dglassbox.golden.update=true}.
 */
class RequestSetGoldenTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/request-sets.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyTasksRequestSetMatchesItsPinnedHash() throws IOException {
        TaskData data = TaskData.fromDirectory(Shared.root().resolve("datasets"));
        ObjectNode actual = JSON.createObjectNode();
        for (String name : Tasks.names()) {
            Task t = Tasks.task(name);
            List<Sample> samples = t.samples(data, t.defaultFewshot());
            ObjectNode n = actual.putObject(name);
            n.put("version", t.version());
            n.put("num_fewshot", t.defaultFewshot());
            n.put("samples", samples.size());
            n.put("requests", samples.stream().mapToInt(s -> s.requests().size()).sum());
            n.put("sha256", RequestSet.sha256(samples));
        }
        if (Boolean.getBoolean("glassbox.golden.update")) {
            Files.createDirectories(GOLDEN.getParent());
            Files.writeString(GOLDEN, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected = JSON.readTree(GOLDEN.toFile());
        List<String> changed = new ArrayList<>();
        actual.properties().forEach(e -> {
            if (!e.getValue().equals(expected.get(e.getKey()))) changed.add(e.getKey() + ": pinned " + expected.get(e.getKey()) + ", now " + e.getValue());
        });
        expected.fieldNames().forEachRemaining(k -> {
            if (!actual.has(k)) changed.add(k + ": pinned but no longer a task");
        });
        assertEquals(List.of(), changed, "request sets changed; if intended, bump the task version and run with -Dglassbox.golden.update=true");
    }
}
