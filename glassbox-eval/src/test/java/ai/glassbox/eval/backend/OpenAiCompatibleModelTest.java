package ai.glassbox.eval.backend;

import ai.glassbox.engine.Engine;
import ai.glassbox.eval.LanguageModel;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The contract for the OpenAI-compatible client against a server on loopback, prompts sent as
 * token ids from the model's own tokenizer, four requests in flight.
 */
class OpenAiCompatibleModelTest extends LanguageModelContract {
    private OpenAiTestServer server;

    @Override
    LanguageModel open(Path gguf, Engine reference) {
        server = OpenAiTestServer.start(reference, OpenAiTestServer.Behaviour.normal());
        return OpenAiCompatibleModel.open(OpenAiCompatibleConfig.of(List.of(server.baseUrl()), "stories260K").withTokenizer(gguf).withConcurrency(4));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
