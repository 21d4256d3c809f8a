package ai.glassbox.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glassbox.engine.sampling.SamplingParams;
import ai.glassbox.testkit.Shared;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/**
 * Continuous batching changes nothing: each generation's tokens, text and per-step logits are
 * bit-identical alone ({@link Engine#generate}) and decoded together with seven others, with
 * prompts split across forward passes.
 */
class DecodeLoopTest {
    private static final int STREAMS = 8;

    /** Logits of every step, digested, and the tokens: what must not change. */
    private record Trace(List<String> logitDigests, int[] tokens, String text, StopReason reason) {}

    private static final class Recorder implements GenerationListener {
        final List<String> digests = new ArrayList<>();
        final StringBuilder text = new StringBuilder();

        @Override
        public void onText(String t) {
            text.append(t);
        }

        @Override
        public boolean onToken(int step, int token, float[] logits) {
            digests.add(digest(logits));
            return true;
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"stories260K.gguf", "tiny-llama-Q4_0.gguf", "tiny-qwen3-Q8_0.gguf", "tiny-qwen2-Q4_K.gguf"})
    void generationsAreIdenticalAloneAndAmongSevenOthers(String modelFile) throws Exception {
        try (Engine engine = Engine.load(Shared.model(modelFile), new EngineOptions(2, 256, 32))) {
            List<int[]> prompts = new ArrayList<>();
            List<GenerationRequest> requests = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                int[] p = new int[5 + 9 * i];
                p[0] = 1;
                for (int j = 1; j < p.length; j++) p[j] = 3 + (j * 31 + i * 17) % 200;
                prompts.add(p);
                var sampling = i % 2 == 0 ? SamplingParams.greedy() : SamplingParams.defaults(1000 + i);
                requests.add(new GenerationRequest(sampling, 12 + 3 * i, List.of()));
            }
            List<Trace> alone = new ArrayList<>();
            for (int i = 0; i < STREAMS; i++) {
                var rec = new Recorder();
                Generation g = engine.generate(prompts.get(i), requests.get(i), rec);
                alone.add(new Trace(rec.digests, g.tokens(), g.text(), g.stopReason()));
                assertEquals(g.text(), rec.text.toString());
            }
            // batches of 24 tokens: long prompts are prefilled over several steps beside decoding streams
            try (var loop = new DecodeLoop(engine, STREAMS, STREAMS, 24)) {
                List<Recorder> recorders = new ArrayList<>();
                List<DecodeLoop.Handle> handles = new ArrayList<>();
                for (int i = 0; i < STREAMS; i++) {
                    var rec = new Recorder();
                    recorders.add(rec);
                    handles.add(loop.submit(prompts.get(i), requests.get(i), rec));
                }
                for (int i = 0; i < STREAMS; i++) {
                    Generation g = handles.get(i).result().get(60, TimeUnit.SECONDS);
                    Trace t = alone.get(i);
                    assertArrayEquals(t.tokens(), g.tokens(), modelFile + " stream " + i + ": tokens");
                    assertEquals(t.logitDigests(), recorders.get(i).digests, modelFile + " stream " + i + ": logits");
                    assertEquals(t.text(), g.text(), modelFile + " stream " + i + ": text");
                    assertEquals(t.text(), recorders.get(i).text.toString());
                    assertEquals(t.reason(), g.stopReason());
                }
            }
        }
    }

    @Test
    void aFullQueueIsRefusedAndCancelledGenerationsEnd() throws Exception {
        try (Engine engine = Engine.load(Shared.model("stories260K.gguf"), new EngineOptions(1, 256, 32))) {
            var gate = new CountDownLatch(1);
            GenerationListener blocking = new GenerationListener() {
                @Override
                public void onText(String text) {}

                @Override
                public boolean onToken(int step, int token, float[] logits) {
                    try {
                        gate.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return true;
                }
            };
            try (var loop = new DecodeLoop(engine, 1, 1, 16)) {
                var first = loop.submit(new int[] {1, 5, 6}, GenerationRequest.greedy(200), blocking);
                var second = loop.submit(new int[] {1, 7}, GenerationRequest.greedy(5), GenerationListener.NONE);
                assertThrows(DecodeLoop.QueueFullException.class, () -> loop.submit(new int[] {1}, GenerationRequest.greedy(5), GenerationListener.NONE));
                first.cancel();
                gate.countDown();
                assertEquals(StopReason.CANCELLED, first.result().get(30, TimeUnit.SECONDS).stopReason());
                assertEquals(5, second.result().get(30, TimeUnit.SECONDS).tokens().length);
                assertThrows(IllegalArgumentException.class, () -> loop.submit(new int[0], GenerationRequest.greedy(5), GenerationListener.NONE));
                assertThrows(IllegalArgumentException.class, () -> loop.submit(new int[256], GenerationRequest.greedy(5), GenerationListener.NONE));
            }
        }
    }

    private static String digest(float[] logits) {
        try {
            var sha = MessageDigest.getInstance("SHA-256");
            for (float f : logits) {
                int b = Float.floatToRawIntBits(f);
                sha.update((byte) b);
                sha.update((byte) (b >>> 8));
                sha.update((byte) (b >>> 16));
                sha.update((byte) (b >>> 24));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
