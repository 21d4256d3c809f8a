package ai.glassbox.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Teacher-forced logits at every prompt position against llama.cpp's (f32 KV cache, no flash
 * attention). F32 models must agree within 1e-4 relative to the largest logit.
 */
class GoldenLogitsTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
        "stories260K-F32, stories260K.gguf, 1e-4",
        "tiny-llama-F32, tiny-llama-F32.gguf, 1e-4",
        "tiny-qwen2-F32, tiny-qwen2-F32.gguf, 1e-4",
        "tiny-qwen3-F32, tiny-qwen3-F32.gguf, 1e-4",
    })
    void logitsMatchLlamaCpp(String golden, String modelFile, double tolerance) {
        try (Model model = Model.open(Shared.model(modelFile), 2)) {
            for (String p : List.of("logits.p0.ref.t1.json", "logits.p1.ref.t1.json")) {
                JsonNode ref = Shared.json(Shared.golden(golden + "/" + p));
                int[] tokens = ints(ref.get("tokens"));
                List<float[]> ours = new ArrayList<>();
                Session s = model.newSession(128, 32);
                s.processAll(tokens, 0, tokens.length, (pos, logits) -> ours.add(logits.clone()));
                double worst = 0;
                for (int pos = 0; pos < tokens.length; pos++) {
                    JsonNode row = ref.get("logits").get(pos);
                    assertEquals(model.config().vocabSize(), row.size());
                    double maxAbs = 0, maxDiff = 0;
                    for (int i = 0; i < row.size(); i++) {
                        maxAbs = Math.max(maxAbs, Math.abs(row.get(i).asDouble()));
                        maxDiff = Math.max(maxDiff, Math.abs(row.get(i).asDouble() - ours.get(pos)[i]));
                    }
                    worst = Math.max(worst, maxDiff / maxAbs);
                }
                System.out.printf("%s %s: max relative logit difference %.3g%n", golden, p, worst);
                assertTrue(worst <= tolerance, golden + " " + p + ": relative difference " + worst + " > " + tolerance);
            }
        }
    }

    static int[] ints(JsonNode a) {
        int[] r = new int[a.size()];
        for (int i = 0; i < r.length; i++) r[i] = a.get(i).asInt();
        return r;
    }
}
