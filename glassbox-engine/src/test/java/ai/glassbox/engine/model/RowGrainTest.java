package ai.glassbox.engine.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.kernel.WeightMatrix;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** How products are cut into tasks: by weight bytes for single tokens, by work for batches. */
class RowGrainTest {
    private static WeightMatrix q4(int rows, int cols) {
        return new WeightMatrix("w", GgmlType.Q4_0, MemorySegment.ofArray(new byte[Math.toIntExact(rows * GgmlType.Q4_0.byteSize(cols))]), rows, cols);
    }

    @Test
    void oneTokenTasksStreamAtLeast128KiBOfWeights() {
        // 2048 columns of Q4_0 are 1,152 bytes a row: 114 rows make 128 KiB
        assertEquals(114, Transformer.rowGrain(q4(2048, 2048), 16, 1, 2));
        // 5632 columns are 3,168 bytes a row
        assertEquals(42, Transformer.rowGrain(q4(2048, 5632), 16, 1, 2));
    }

    @Test
    void smallProductsStillMakeFourTasksPerThread() {
        assertEquals(64, Transformer.rowGrain(q4(512, 2048), 16, 1, 2));
        assertEquals(32, Transformer.rowGrain(q4(512, 2048), 16, 1, 4));
        // never below the minimum, nor below what the work per task asks for
        assertEquals(32, Transformer.rowGrain(q4(64, 2048), 16, 1, 2));
    }

    @Test
    void batchesAreCutByWork() {
        assertEquals(16, Transformer.rowGrain(q4(2048, 2048), 16, 128, 2));
        assertEquals(16, Transformer.rowGrain(q4(2048, 2048), 16, 8, 2));
        assertEquals(Transformer.grain(16, 2048, 4), Transformer.rowGrain(q4(8, 2048), 16, 4, 2));
    }
}
