package ai.glassbox.cli;

import java.nio.file.Path;

/** Where Glassbox keeps its keys and ledger: {@code -Dglassbox.home}, {@code $GLASSBOX_HOME}, or {@code ~/.glassbox}. */
final class GlassboxHome {
    private GlassboxHome() {}

    static Path dir() {
        String p = System.getProperty("glassbox.home");
        if (p == null || p.isBlank()) p = System.getenv("GLASSBOX_HOME");
        return p != null && !p.isBlank() ? Path.of(p) : Path.of(System.getProperty("user.home"), ".glassbox");
    }

    /** The default signing key. */
    static Path signingKey() {
        return dir().resolve("keys").resolve("signing.key");
    }
}
