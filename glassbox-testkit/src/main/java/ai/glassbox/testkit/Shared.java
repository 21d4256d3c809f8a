package ai.glassbox.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Locates the read-only reference folder {@code ../shared} (models, golden outputs, vocabularies,
 * datasets) beside the project. The location comes from the {@code glassbox.shared} system property
 * (set by the build) or is searched upwards from the working directory.
 */
public final class Shared {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path ROOT = locate();

    private Shared() {}

    public static Path root() {
        return ROOT;
    }

    public static Path model(String fileName) {
        return existing(ROOT.resolve("models").resolve(fileName));
    }

    public static Path golden(String relative) {
        return existing(ROOT.resolve("golden").resolve(relative));
    }

    public static Path vocab(String fileName) {
        return existing(ROOT.resolve("vocab").resolve(fileName));
    }

    public static Path dataset(String fileName) {
        return existing(ROOT.resolve("datasets").resolve(fileName));
    }

    /** Parses a JSON file. */
    public static JsonNode json(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + file, e);
        }
    }

    private static Path existing(Path p) {
        if (!Files.exists(p)) throw new IllegalStateException("missing reference file " + p);
        return p;
    }

    private static Path locate() {
        String prop = System.getProperty("glassbox.shared");
        if (prop != null && Files.isDirectory(Path.of(prop, "models"))) return Path.of(prop).toAbsolutePath().normalize();
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared");
            if (Files.isDirectory(candidate.resolve("models"))) return candidate;
            candidate = dir.resolveSibling("shared");
            if (Files.isDirectory(candidate.resolve("models"))) return candidate;
        }
        throw new IllegalStateException("cannot find the shared reference folder; set -Dglassbox.shared=PATH");
    }
}
