package ai.glassbox.eval.backend;

import ai.glassbox.engine.Engine;
import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.backend.OpenAiCompatibleConfig.GenerationApi;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;

/**
 * The contract for the OpenAI-compatible client without a tokenizer: prompts go as text, the
 * continuation is found by {@code text_offset}, and generation goes through
 * {@code /chat/completions}.
 */
class OpenAiTextPromptModelTest extends LanguageModelContract {
    private OpenAiTestServer server;

    @Override
    LanguageModel open(Path gguf, Engine reference) {
        server = OpenAiTestServer.start(reference, OpenAiTestServer.Behaviour.normal());
        return OpenAiCompatibleModel.open(OpenAiCompatibleConfig.of(List.of(server.baseUrl()), "stories260K").withGenerationApi(GenerationApi.CHAT).withConcurrency(2));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }
}
