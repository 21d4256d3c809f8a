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
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    /** {@code random.Random(seed)} for a non-negative seed below 2^32 (the harness uses 1234). */
    public PythonRandom(long seed) {
        if (seed < 0 || seed > 0xFFFF_FFFFL) throw new IllegalArgumentException("seed " + seed + " is not in [0, 2^32)");
        initByArray(new int[] {(int) seed});
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) {
            mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
        }
    }

    private void initByArray(int[] key) {
        initGenrand(19650218);
        int i = 1, j = 0;
        for (int k = Math.max(N, key.length); k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1664525)) + key[j] + j;
            i++;
            j++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
            if (j >= key.length) j = 0;
        }
        for (int k = N - 1; k > 0; k--) {
            mt[i] = (mt[i] ^ ((mt[i - 1] ^ (mt[i - 1] >>> 30)) * 1566083941)) - i;
            i++;
            if (i >= N) {
                mt[0] = mt[N - 1];
                i = 1;
            }
        }
        mt[0] = 0x80000000;
    }

    /** The next 32 random bits (genrand_uint32), as an unsigned value. */
    long nextUint32() {
        if (mti >= N) twist();
        int y = mt[mti++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y & 0xFFFF_FFFFL;
    }

    private void twist() {
        for (int k = 0; k < N; k++) {
            int y = (mt[k] & 0x80000000) | (mt[(k + 1) % N] & 0x7fffffff);
            mt[k] = mt[(k + M) % N] ^ (y >>> 1) ^ ((y & 1) != 0 ? 0x9908b0df : 0);
        }
        mti = 0;
    }

    /** {@code getrandbits(k)} for {@code 1 <= k <= 32}. */
    long getrandbits(int k) {
        if (k < 1 || k > 32) throw new IllegalArgumentException("getrandbits(" + k + ") is supported for 1..32 bits");
        return nextUint32() >>> (32 - k);
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
