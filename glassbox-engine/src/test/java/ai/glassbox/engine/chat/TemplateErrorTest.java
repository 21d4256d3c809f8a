package ai.glassbox.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TemplateErrorTest {
    private static TemplateException parseError(String template) {
        return assertThrows(TemplateException.class, () -> ChatTemplate.parse(template));
    }

    private static TemplateException renderError(String template) {
        return assertThrows(TemplateException.class, () -> ChatTemplate.parse(template).render(Map.of(), LocalDate.of(2026, 11, 22)));
    }

    @Test
    void unclosedOutputTagNamesItsLineAndColumn() {
        TemplateException e = parseError("line one\n  {{ name ");
        assertEquals(2, e.line());
        assertEquals(3, e.column());
        assertTrue(e.getMessage().contains("2:3") && e.getMessage().contains("unclosed tag"), e.getMessage());
    }

    @Test
    void unclosedIfBlockReportsEndOfTemplate() {
        TemplateException e = parseError("{% if x %}\nabc");
        assertTrue(e.getMessage().contains("endif"), e.getMessage());
        assertEquals(2, e.line());
    }

    @Test
    void unclosedCommentIsReported() {
        TemplateException e = parseError("ab{# never closed");
        assertEquals(1, e.line());
        assertEquals(3, e.column());
    }

    @Test
    void unknownStatementIsNamed() {
        TemplateException e = parseError("{% frobnicate %}");
        assertTrue(e.getMessage().contains("frobnicate"), e.getMessage());
    }

    @Test
    void unterminatedStringIsReported() {
        TemplateException e = parseError("{{ 'abc }}");
        assertTrue(e.getMessage().contains("unterminated string"), e.getMessage());
    }

    @Test
    void raiseExceptionCarriesTheTemplateMessage() {
        TemplateRaisedException e = assertThrows(TemplateRaisedException.class,
                () -> ChatTemplate.parse("ok\n{{ raise_exception('roles must alternate') }}").render(Map.of(), LocalDate.of(2026, 1, 1)));
        assertEquals("roles must alternate", e.templateMessage());
        assertEquals(2, e.line());
    }

    @Test
    void attributeOfUndefinedIsAnError() {
        TemplateException e = renderError("{{ missing.name }}");
        assertTrue(e.getMessage().contains("'missing' is undefined"), e.getMessage());
    }

    @Test
    void unknownFilterIsNamed() {
        TemplateException e = renderError("\n{{ 1|nosuch }}");
        assertTrue(e.getMessage().contains("nosuch") && e.getMessage().contains("2:"), e.getMessage());
    }

    @Test
    void addingStringAndNumberIsAnError() {
        TemplateException e = renderError("{{ 'a' + 1 }}");
        assertTrue(e.getMessage().contains("unsupported operand"), e.getMessage());
    }

    @Test
    void runawayMacroRecursionIsATemplateError() {
        TemplateException e = renderError("{% macro f(x) %}{{ f(x) }}{% endmacro %}{{ f(1) }}");
        assertTrue(e.getMessage().contains("macro 'f' recursed"), e.getMessage());
    }

    @Test
    void alternationCheckInRealTemplateRaises() {
        String t = "{% for m in messages %}{% if (m.role == 'user') != (loop.index0 % 2 == 0) %}"
                + "{{ raise_exception('Conversation roles must alternate') }}{% endif %}{{ m.content }}{% endfor %}";
        ChatTemplate template = ChatTemplate.parse(t);
        RenderOptions o = RenderOptions.defaults().withPrefillFinalAssistant(false);
        assertEquals("ab", template.render(List.of(ChatMessage.user("a"), ChatMessage.assistant("b")), o));
        assertThrows(TemplateRaisedException.class, () -> template.render(List.of(ChatMessage.user("a"), ChatMessage.user("b")), o));
    }
}
