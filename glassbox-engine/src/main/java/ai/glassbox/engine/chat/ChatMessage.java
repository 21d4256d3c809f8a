package ai.glassbox.engine.chat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One message of a conversation as chat templates see it.
 *
 * @param role {@code system}, {@code user}, {@code assistant}, {@code tool}, or a template-specific role
 * @param content the message text
 * @param reasoningContent the assistant's reasoning, or empty when the message carries none; templates
 *     see it as {@code reasoning_content} only when non-empty, as llama.cpp passes it
 * @param toolCalls OpenAI-style tool calls ({@code {"type": "function", "function": {...}}}), passed to
 *     the template as {@code tool_calls} only when non-empty
 * @param extra further fields the template may read, such as {@code tool_call_id} or {@code name};
 *     values are strings, numbers, booleans, {@code null}, lists and maps
 */
public record ChatMessage(
        String role, String content, String reasoningContent, List<Map<String, Object>> toolCalls, Map<String, Object> extra) {
    public ChatMessage {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(content, "content");
        Objects.requireNonNull(reasoningContent, "reasoningContent");
        toolCalls = List.copyOf(toolCalls);
        extra = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(extra));
    }

    /** A message with just a role and text. */
    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, "", List.of(), Map.of());
    }

    public static ChatMessage system(String content) {
        return of("system", content);
    }

    public static ChatMessage user(String content) {
        return of("user", content);
    }

    public static ChatMessage assistant(String content) {
        return of("assistant", content);
    }

    public ChatMessage withReasoningContent(String reasoning) {
        return new ChatMessage(role, content, reasoning, toolCalls, extra);
    }

    public ChatMessage withToolCalls(List<Map<String, Object>> calls) {
        return new ChatMessage(role, content, reasoningContent, calls, extra);
    }

    public ChatMessage withExtra(String key, Object value) {
        Map<String, Object> copy = new LinkedHashMap<>(extra);
        copy.put(key, value);
        return new ChatMessage(role, content, reasoningContent, toolCalls, copy);
    }

    /** The message as the template's {@code messages[i]} dict. */
    Map<String, Object> toTemplateMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("role", role);
        m.put("content", content);
        if (!reasoningContent.isEmpty()) m.put("reasoning_content", reasoningContent);
        if (!toolCalls.isEmpty()) m.put("tool_calls", toolCalls);
        m.putAll(extra);
        return m;
    }
}
