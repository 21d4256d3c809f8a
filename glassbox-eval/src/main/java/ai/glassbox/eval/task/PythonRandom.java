package ai.glassbox.eval.task;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * CPython's {@code random.Random}, as far as lm-evaluation-harness's few-shot sampler uses it:
 * MT19937 seeded from an int by {@code init_by_array}, {@code getrandbits}, and
 * {@code sample(population, k)}. Reproduces CPython's draws exactly, so few-shot prompts match the
 * harness's. Not thread-safe.
 */
public final class PythonRandom {
    private final Mt19937 mt;

    /** {@code random.Random(seed)} for a non-negative seed below 2^32 (the harness uses 1234). */
    public PythonRandom(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) throw new IllegalArgumentException("seed " + seed + " is not in [0, 2^32)");
        mt = Mt19937.byArray(new int[] {(int) seed});
    }

    /** {@code getrandbits(k)} for {@code 1 <= k <= 32}. */
    long getrandbits(int k) {
        if (k < 1 || k > 32) throw new IllegalArgumentException("getrandbits(" + k + ") is supported for 1..32 bits");
        return mt.next() >>> (32 - k);
    }

    /** {@code _randbelow_with_getrandbits(n)}: uniform in [0, n) by rejection. */
    int randbelow(int n) {
        if (n <= 0) throw new IllegalArgumentException("randbelow(" + n + ")");
        int k = 32 - Integer.numberOfLeadingZeros(n);
        long r = getrandbits(k);
        while (r >= n) r = getrandbits(k);
        return (int) r;
    }

    /** {@code sample(population, k)}: {@code k} distinct elements in selection order. */
    public <T> List<T> sample(List<T> population, int k) {
        int n = population.size();
        if (k < 0 || k > n) throw new IllegalArgumentException("sample larger than population or is negative: " + k + " of " + n);
        List<T> result = new ArrayList<>(k);
        int setsize = 21;
        if (k > 5) setsize += (int) Math.pow(4, Math.ceil(Math.log(k * 3) / Math.log(4)));
        if (n <= setsize) {
            List<T> pool = new ArrayList<>(population);
            for (int i = 0; i < k; i++) {
                int j = randbelow(n - i);
                result.add(pool.get(j));
                pool.set(j, pool.get(n - i - 1));
            }
        } else {
            Set<Integer> selected = new HashSet<>();
            for (int i = 0; i < k; i++) {
                int j = randbelow(n);
                while (selected.contains(j)) j = randbelow(n);
                selected.add(j);
                result.add(population.get(j));
            }
        }
        return result;
    }
}
