package ai.glassbox.engine.gguf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import org.junit.jupiter.api.Test;

class GgufFileTest {
    @Test
    void readsStoriesHeaderAndTensors() {
        try (var f = GgufFile.open(Shared.model("stories260K.gguf"))) {
            assertEquals(3, f.version());
            assertEquals("llama", f.metadata().string("general.architecture").orElseThrow());
            assertEquals(64, f.metadata().int32("llama.embedding_length").orElseThrow());
            assertEquals(512, f.metadata().strings("tokenizer.ggml.tokens").orElseThrow().length);
            TensorInfo emb = f.tensor("token_embd.weight").orElseThrow();
            assertEquals(GgmlType.F32, emb.type());
            assertEquals(64, emb.dim(0));
            assertEquals(512, emb.dim(1));
            assertEquals(emb.byteSize(), f.data(emb).byteSize());
            assertTrue(f.tensorDataOffset() % f.alignment() == 0);
        }
    }
}
