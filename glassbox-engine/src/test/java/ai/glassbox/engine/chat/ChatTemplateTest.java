package ai.glassbox.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The chat-level conventions layered on the interpreter. */
class ChatTemplateTest {
    private static final String CHATML = "{{ bos_token }}{% for m in messages %}<|{{ m.role }}|>{{ m.content }}{{ eos_token }}{% endfor %}"
            + "{% if add_generation_prompt %}<|assistant|>{% if enable_thinking is false %}<think></think>{% endif %}{% endif %}";
    private static final RenderOptions OPTIONS = RenderOptions.defaults().withTokens("<s>", "</s>").withDate(LocalDate.of(2026, 11, 22));

    @Test
    void leadingBosIsStrippedByDefaultAndKeptOnRequest() {
        ChatTemplate t = ChatTemplate.parse(CHATML);
        List<ChatMessage> msgs = List.of(ChatMessage.user("hi"));
        assertEquals("<|user|>hi</s><|assistant|>", t.render(msgs, OPTIONS));
        assertEquals("<s><|user|>hi</s><|assistant|>", t.render(msgs, OPTIONS.withStripLeadingBos(false)));
    }

    @Test
    void generationPromptFollowsTheOption() {
        ChatTemplate t = ChatTemplate.parse(CHATML);
        assertEquals("<|user|>hi</s>", t.render(List.of(ChatMessage.user("hi")), OPTIONS.withAddGenerationPrompt(false)));
    }

    @Test
    void finalAssistantMessageIsPrefilledWithoutEnableThinking() {
        ChatTemplate t = ChatTemplate.parse(CHATML);
        List<ChatMessage> msgs = List.of(ChatMessage.user("hi"), ChatMessage.assistant("Sure, "));
        RenderOptions o = OPTIONS.withAddGenerationPrompt(false).withVariable("enable_thinking", false);
        assertEquals("<|user|>hi</s><|assistant|>Sure, ", t.render(msgs, o));
        assertEquals("<|user|>hi</s><|assistant|>Sure, </s>", t.render(msgs, o.withPrefillFinalAssistant(false)));
    }

    @Test
    void extraVariablesReachTheTemplate() {
        ChatTemplate t = ChatTemplate.parse(CHATML);
        assertEquals("<|user|>hi</s><|assistant|><think></think>",
                t.render(List.of(ChatMessage.user("hi")), OPTIONS.withVariable("enable_thinking", false)));
    }

    @Test
    void reasoningContentAndToolCallsAppearOnlyWhenPresent() {
        ChatTemplate t = ChatTemplate.parse("{% for m in messages %}{{ m.reasoning_content is defined }}"
                + "{{ m.tool_calls is defined }}{% if m.tool_calls %}{{ m.tool_calls[0].function.name }}{% endif %};{% endfor %}");
        ChatMessage plain = ChatMessage.assistant("x");
        ChatMessage rich = ChatMessage.assistant("").withReasoningContent("why")
                .withToolCalls(List.of(Map.of("type", "function", "function", Map.of("name", "get_time", "arguments", Map.of()))));
        assertEquals("FalseFalse;TrueTrueget_time;",
                t.render(List.of(plain, rich), OPTIONS.withPrefillFinalAssistant(false)));
    }

    @Test
    void dateStringIsTheRenderDate() {
        assertEquals("22 Nov 2026", ChatTemplate.parse("{{ date_string }}").render(List.of(), OPTIONS));
    }
}
