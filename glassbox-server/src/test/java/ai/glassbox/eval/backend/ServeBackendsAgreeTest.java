package ai.glassbox.eval.backend;

import static ai.glassbox.eval.backend.BackendsAgreeTest.ENGINE;
import static ai.glassbox.eval.backend.BackendsAgreeTest.MODEL;
import static ai.glassbox.eval.backend.BackendsAgreeTest.TASKS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.Engine;
import ai.glassbox.eval.task.TaskData;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServedModel;
import ai.glassbox.server.ServerOptions;
import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A whole evaluation through the OpenAI-compatible client against {@code glassbox serve} scores and
 * generates every sample exactly as the in-process engine does: lm-evaluation-harness's setting of
 * an OpenAI backend pointed at a Glassbox server gives the local engine's results. The run and the
 * per-sample summary are {@link BackendsAgreeTest}'s.
 */
class ServeBackendsAgreeTest {
    @TempDir
    Path tmp;

    @Test
    void perSampleResultsAreIdenticalThroughGlassboxServe() throws IOException {
        TaskData data = TaskData.fromDirectory(Shared.root().resolve("datasets"));
        Path local = tmp.resolve("local"), remote = tmp.resolve("remote");
        try (var model = LocalEngineModel.open(MODEL, ENGINE)) {
            BackendsAgreeTest.run(model, data, local);
        }
        try (var server = GlassboxServer.start(List.of(ServedModel.of("stories260K", Engine.load(MODEL, ENGINE), 4, 16, 0)), ServerOptions.loopback(0));
                var model = OpenAiCompatibleModel.open(OpenAiCompatibleConfig.of(List.of(URI.create("http://127.0.0.1:" + server.port() + "/v1")), "stories260K")
                        .withTokenizer(MODEL).withConcurrency(3).withContextLength(1024))) {
            BackendsAgreeTest.run(model, data, remote);
        }
        for (String task : TASKS) {
            assertEquals(BackendsAgreeTest.summary(local.resolve("samples_" + task + ".jsonl")), BackendsAgreeTest.summary(remote.resolve("samples_" + task + ".jsonl")), task);
        }
    }
}
