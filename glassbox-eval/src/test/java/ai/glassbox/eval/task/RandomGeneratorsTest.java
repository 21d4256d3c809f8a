package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.glassbox.testkit.Shared;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The generators behind few-shot sampling and llama.cpp's task order, against their reference implementations' outputs. */
class RandomGeneratorsTest {
    /** CPython 3.11: {@code r = random.Random(1234); [r.getrandbits(32) for _ in range(3)]}. */
    @Test
    void pythonRandomMatchesCPythonGetrandbits() {
        PythonRandom r = new PythonRandom(1234);
        assertEquals(4150886329L, r.getrandbits(32));
        assertEquals(3342196574L, r.getrandbits(32));
        assertEquals(1892932127L, r.getrandbits(32));
    }

    /** CPython 3.11: {@code r = random.Random(1234); r.sample(range(7473), 5), r.sample(range(7473), 5)}: the set-based branch, one generator for consecutive documents. */
    @Test
    void pythonSampleMatchesCPythonOnALargePopulation() {
        PythonRandom r = new PythonRandom(1234);
        List<Integer> population = IntStream.range(0, 7473).boxed().toList();
        assertEquals(List.of(6374, 3610, 957, 61, 742), r.sample(population, 5));
        assertEquals(List.of(7462, 6610, 4769, 286, 5501), r.sample(population, 5));
    }

    /** CPython 3.11: {@code r = random.Random(1234); r.sample(range(10), 8), r.sample(range(100), 7)}: the pool branch. */
    @Test
    void pythonSampleMatchesCPythonOnASmallPopulation() {
        PythonRandom r = new PythonRandom(1234);
        assertEquals(List.of(7, 1, 0, 9, 4, 6, 5, 3), r.sample(IntStream.range(0, 10).boxed().toList(), 8));
        assertEquals(List.of(98, 45, 30, 2, 3, 44, 82), r.sample(IntStream.range(0, 100).boxed().toList(), 7));
    }

    /** llama.cpp's HellaSwag task order, recorded in shared/golden/eval from llama-perplexity itself. */
    @Test
    void llamaCppTaskOrderMatchesTheGolden() throws IOException {
        int[] expected = Files.readAllLines(Shared.golden("eval/task_order_mt19937_seed1.txt")).stream()
                .filter(l -> !l.isBlank()).mapToInt(l -> Integer.parseInt(l.strip())).toArray();
        assertArrayEquals(expected, LlamaCppHellaswag.drawOrder(expected.length));
    }

    /** The first outputs of {@code std::mt19937(5489)} (the C++ standard requires the 10000th to be 4123659995). */
    @Test
    void mt19937MatchesTheCppStandard() {
        Mt19937 m = Mt19937.seeded(5489);
        long v = 0;
        for (int i = 0; i < 10000; i++) v = m.next();
        assertEquals(4123659995L, v);
    }
}
