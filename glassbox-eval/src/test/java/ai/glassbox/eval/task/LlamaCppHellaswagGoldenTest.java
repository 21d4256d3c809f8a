package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.EngineOptions;
import ai.glassbox.eval.backend.LocalEngineModel;
import ai.glassbox.eval.request.Response;
import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Reproduces {@code llama-perplexity --hellaswag} task by task on the shared models: the golden
 * {@code *.steps.tsv} give llama.cpp's running accuracy after each task, hence each task's
 * right/wrong. A task may differ only where the two best endings are a near tie, which
 * quantization and summation order can flip (llama.cpp sums float log-probabilities of its
 * own accumulation order).
 */
class LlamaCppHellaswagGoldenTest {
    private static final TaskData DATA = TaskData.fromDirectory(Shared.root().resolve("datasets"));

    /** llama.cpp draws tasks in random order even when it runs all of them; the context must hold 430 tokens. */
    @Test
    void stories260KMatchesLlamaCppTaskByTask() throws IOException {
        check("stories260K.gguf", "stories260K-F32", new LlamaCppHellaswag().samples(DATA, 0).subList(0, 100), 1e-3);
    }

    @Test
    void tinyLlamaQ4_0MatchesLlamaCppTaskByTaskInItsDrawOrder() throws IOException {
        check("tiny-llama-Q4_0.gguf", "tiny-llama-Q4_0", new LlamaCppHellaswag().samples(DATA, 0).subList(0, 100), 2e-2);
    }

    private static void check(String model, String golden, List<Sample> samples, double nearTie) throws IOException {
        int[] expected = correctPerTask(golden, samples.size());
        LlamaCppHellaswag task = new LlamaCppHellaswag();
        List<String> mismatches = new ArrayList<>();
        int agree = 0;
        try (var m = LocalEngineModel.open(Shared.model(model), new EngineOptions(1, 512, 64))) {
            for (int i = 0; i < samples.size(); i++) {
                Sample s = samples.get(i);
                List<Response> responses = m.answer(s.requests());
                int ours = task.score(s, responses).metrics().get("acc,none").intValue();
                if (ours == expected[i]) {
                    agree++;
                    continue;
                }
                double margin = topTwoMargin(responses);
                if (margin >= nearTie) mismatches.add("task " + (i + 1) + " (" + s.doc().id() + "): llama.cpp " + expected[i] + ", ours " + ours + ", margin " + margin);
            }
        }
        assertEquals(List.of(), mismatches, golden + ": tasks that differ from llama.cpp without a near tie");
        assertTrue(agree >= samples.size() * 0.95, golden + ": only " + agree + " of " + samples.size() + " tasks agree");
    }

    /** llama.cpp's right (1) or wrong (0) per task, from the running accuracy after each task. */
    private static int[] correctPerTask(String golden, int n) throws IOException {
        List<String> lines = Files.readAllLines(Shared.golden("eval/" + golden + ".steps.tsv"));
        int[] out = new int[n];
        long previous = 0;
        for (int i = 0; i < n; i++) {
            String[] f = lines.get(i + 1).split("\t");
            int tasks = Integer.parseInt(f[0]);
            assertEquals(i + 1, tasks);
            long correct = Math.round(Double.parseDouble(f[1]) * tasks / 100);
            out[i] = (int) (correct - previous);
            previous = correct;
        }
        return out;
    }

    /** The gap between the two best mean log-probabilities per token after the shared prefix. */
    private static double topTwoMargin(List<Response> responses) {
        double[] means = LlamaCppHellaswag.meanLogprobs(responses, "margin");
        Arrays.sort(means);
        return means[means.length - 1] - means[means.length - 2];
    }
}
