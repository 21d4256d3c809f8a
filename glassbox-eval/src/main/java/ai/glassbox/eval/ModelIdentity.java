package ai.glassbox.eval;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Identifies the model an evaluation ran against, precisely enough to re-run it.
 *
 * @param backend {@code local} (the Glassbox engine on a GGUF file) or {@code openai} (an
 *     OpenAI-compatible endpoint)
 * @param name the model's name (the GGUF file name, or the endpoint's model name)
 * @param properties digests and settings, e.g. {@code sha256}, {@code engine}, {@code endpoints};
 *     sorted by key so that manifests are byte-stable
 */
public record ModelIdentity(String backend, String name, Map<String, String> properties) {
    public ModelIdentity {
        Objects.requireNonNull(backend, "backend");
        Objects.requireNonNull(name, "name");
        properties = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(properties));
    }
}
