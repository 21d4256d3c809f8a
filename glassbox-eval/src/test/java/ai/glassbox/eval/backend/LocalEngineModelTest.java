package ai.glassbox.eval.backend;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.LanguageModel;
import java.nio.file.Path;

/** The contract for the engine in this process. */
class LocalEngineModelTest extends LanguageModelContract {
    @Override
    LanguageModel open(Path gguf, Engine reference) {
        return LocalEngineModel.open(gguf, new EngineOptions(1, 0, 64));
    }
}
