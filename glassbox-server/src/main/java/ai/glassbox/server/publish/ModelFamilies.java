package ai.glassbox.server.publish;

import ai.glassbox.ledger.claims.ModelFact;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which model fact a claim's model belongs to. Facts name a family ("Llama 3.1 70B") and claims a
 * variant ("Llama 3.1 70B Instruct"): a variant is the fact whose name it equals or starts with
 * followed by a space, the longest such name winning, so "GPT-4 Turbo" is not "GPT-4". Variants
 * spelled otherwise ("Claude 2.0" for "Claude 2") belong to none. Immutable and thread-safe.
 */
final class ModelFamilies {
    private final List<String> longestFirst;

    ModelFamilies(Collection<ModelFact> facts) {
        this.longestFirst = facts.stream().map(ModelFact::model).sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    Optional<String> familyOf(String variant) {
        for (String family : longestFirst) {
            if (variant.equals(family) || variant.startsWith(family + " ")) return Optional.of(family);
        }
        return Optional.empty();
    }

    boolean belongs(String variant, String family) {
        return familyOf(variant).map(family::equals).orElse(false);
    }
}
