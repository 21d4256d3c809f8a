package ai.glassbox.eval.task;

/**
 * The Mersenne Twister MT19937 (Matsumoto and Nishimura, 1998) with both reference seedings:
 * {@code init_genrand} (what C++'s {@code std::mt19937(seed)} does) and {@code init_by_array}
 * (what CPython's {@code random.seed(int)} does). Not thread-safe.
 */
final class Mt19937 {
    private static final int N = 624;
    private static final int M = 397;
    private final int[] mt = new int[N];
    private int mti;

    private Mt19937() {}

    /** {@code std::mt19937(seed)}. */
    static Mt19937 seeded(int seed) {
        Mt19937 m = new Mt19937();
        m.initGenrand(seed);
        return m;
    }

    /** CPython's seeding from the 32-bit words of a non-negative integer, least significant first. */
    static Mt19937 byArray(int[] key) {
        Mt19937 m = new Mt19937();
        m.initByArray(key);
        return m;
    }

    private void initGenrand(int s) {
        mt[0] = s;
        for (mti = 1; mti < N; mti++) mt[mti] = 1812433253 * (mt[mti - 1] ^ (mt[mti - 1] >>> 30)) + mti;
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

    /** The next output, as an unsigned 32-bit value. */
    long next() {
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

    /**
     * libstdc++'s {@code std::uniform_int_distribution<size_t>(0, n - 1)} on a 32-bit generator
     * (GCC 11 and later): Lemire's nearly divisionless method in 64-bit arithmetic.
     */
    int uniformBelow(int n) {
        if (n <= 0) throw new IllegalArgumentException("empty range " + n);
        long range = n & 0xFFFF_FFFFL;
        long product = next() * range;
        long low = product & 0xFFFF_FFFFL;
        if (low < range) {
            long threshold = ((1L << 32) - range) % range;
            while (low < threshold) {
                product = next() * range;
                low = product & 0xFFFF_FFFFL;
            }
        }
        return (int) (product >>> 32);
    }
}
