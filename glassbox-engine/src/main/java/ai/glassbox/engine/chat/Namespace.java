package ai.glassbox.engine.chat;

import java.util.LinkedHashMap;
import java.util.Map;

/** The mutable object made by {@code namespace(...)}; its attributes survive loop scopes. */
final class Namespace {
    final Map<String, Object> attributes = new LinkedHashMap<>();
}
