package ai.glassbox.server.openai;

import ai.glassbox.engine.Engine;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Response ids and the system fingerprint. */
final class Ids {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String FINGERPRINT = "glassbox-" + Engine.class.getPackage().getImplementationVersion() + "-" + Engine.kernels().replace(' ', '-');

    private Ids() {}

    static String next(String prefix) {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return prefix + HexFormat.of().formatHex(b);
    }

    /** Which engine and kernels answered; every kernel choice gives the same bits. */
    static String fingerprint() {
        return FINGERPRINT;
    }
}
