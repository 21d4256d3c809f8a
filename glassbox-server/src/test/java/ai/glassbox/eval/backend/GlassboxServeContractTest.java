package ai.glassbox.eval.backend;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServedModel;
import ai.glassbox.server.ServerOptions;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The evaluation contract for the OpenAI-compatible client pointed at {@code glassbox serve}
 * itself: the same log-probabilities bit for bit and the same greedy text as the engine.
 */
class GlassboxServeContractTest extends LanguageModelContract {
    private GlassboxServer server;

    @Override
    LanguageModel open(Path gguf, Engine reference) {
        Engine served = Engine.load(gguf, new EngineOptions(1, 0, 64));
        server = GlassboxServer.start(List.of(ServedModel.of("stories260K", served, 4, 64, 0)), ServerOptions.loopback(0));
        URI base = URI.create("http://127.0.0.1:" + server.port() + "/v1");
        return OpenAiCompatibleModel.open(OpenAiCompatibleConfig.of(List.of(base), "stories260K").withTokenizer(gguf).withConcurrency(4));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
