package ai.glassbox.engine.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Interpreter features, each checked against a hand-computed rendering (as Python Jinja2 renders it). */
class JinjaInterpreterTest {
    private static final LocalDate DATE = LocalDate.of(2026, 11, 22);

    static String render(String template, Object... keyValues) {
        Map<String, Object> vars = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) vars.put((String) keyValues[i], keyValues[i + 1]);
        return ChatTemplate.parse(template).render(vars, DATE);
    }

    @Test
    void trimBlocksRemovesTheNewlineAfterABlockTag() {
        assertEquals("a\nb\n", render("{% if true %}\na\n{% endif %}\nb\n\n"));
    }

    @Test
    void lstripBlocksRemovesIndentationBeforeABlockTag() {
        assertEquals("  x\n  y", render("  {% if true %}\n  x\n  {% endif %}\n  y"));
    }

    @Test
    void lstripBlocksKeepsTextBeforeATagOnTheSameLine() {
        assertEquals("a  b", render("a  {% if true %}b{% endif %}"));
    }

    @Test
    void dashMarkersStripAllSurroundingWhitespace() {
        assertEquals("a|b|c", render("a  \n {{- '|' -}} \n\n b {%- if true -%}  |  {%- endif -%}  c"));
    }

    @Test
    void plusMarkerDisablesLstripAndTrim() {
        assertEquals("  \nx\ny", render("  {%+ if true +%}\nx\n{% endif %}y"));
    }

    @Test
    void commentsAreDroppedWithWhitespaceControl() {
        assertEquals("ab", render("a {#- note -#} b"));
        assertEquals("a\nb", render("a\n{# note #}\nb"));
    }

    @Test
    void loopVariablesDescribeThePosition() {
        String t = "{% for x in items %}{{ loop.index }}{{ loop.index0 }}{{ loop.revindex }}{{ loop.first }}"
                + "{{ loop.last }}{{ loop.length }}|{% endfor %}";
        assertEquals("103TrueFalse3|212FalseFalse3|321FalseTrue3|", render(t, "items", List.of("a", "b", "c")));
    }

    @Test
    void previtemAndNextitemAreUndefinedAtTheEnds() {
        String t = "{% for x in [1, 2, 3] %}({{ loop.previtem }},{{ loop.nextitem }}){% endfor %}";
        assertEquals("(,2)(1,3)(2,)", render(t));
    }

    @Test
    void loopFilterAndElseBranch() {
        assertEquals("1/2:3 2/2:4 ", render("{% for x in [1, 3, 4] if x > 2 %}{{ loop.index }}/{{ loop.length }}:{{ x }} {% endfor %}"));
        assertEquals("empty", render("{% for x in [] %}{{ x }}{% else %}empty{% endfor %}"));
    }

    @Test
    void breakAndContinueControlTheLoop() {
        assertEquals("13", render("{% for x in range(10) %}{% if x == 4 %}{% break %}{% endif %}{% if x % 2 == 0 %}{% continue %}{% endif %}{{ x }}{% endfor %}"));
    }

    @Test
    void setInsideALoopDoesNotLeakButNamespaceDoes() {
        String t = "{% set n = 0 %}{% set ns = namespace(n=0) %}{% for x in [1, 2, 3] %}{% set n = n + x %}"
                + "{% set ns.n = ns.n + x %}{% endfor %}{{ n }} {{ ns.n }}";
        assertEquals("0 6", render(t));
    }

    @Test
    void tupleUnpackingInForAndSet() {
        assertEquals("a=1;b=2;", render("{% for k, v in d|items %}{{ k }}={{ v }};{% endfor %}", "d", orderedMap("a", 1, "b", 2)));
        assertEquals("2 1", render("{% set a, b = 1, 2 %}{{ b }} {{ a }}"));
    }

    @Test
    void blockSetCapturesRenderedText() {
        assertEquals("[hi 3]", render("{% set x %}hi {{ 1 + 2 }}{% endset %}[{{ x }}]"));
    }

    @Test
    void macrosTakeDefaultsAndRecurse() {
        String t = "{% macro f(n, sep='-') %}{{ n }}{% if n > 0 %}{{ sep }}{{ f(n - 1, sep) }}{% endif %}{% endmacro %}"
                + "{{ f(2) }}|{{ f(1, sep='+') }}";
        assertEquals("2-1-0|1+0", render(t));
    }

    @Test
    void callBlockPassesBodyAsCaller() {
        assertEquals("<b>x</b>", render("{% macro wrap() %}<b>{{ caller() }}</b>{% endmacro %}{% call wrap() %}x{% endcall %}"));
    }

    @Test
    void literalsIncludePythonCapitalisedConstantsAndEscapes() {
        assertEquals("True False None|a'b\n\"|1.5 3", render("{{ True }} {{ false }} {{ None }}|{{ 'a\\'b\\n\"' }}|{{ 1.5 }} {{ 3 }}"));
        assertEquals("[1, 'a', None, True] {'k': [2.0]}", render("{{ [1, 'a', none, true] }} {{ {'k': [2.0]} }}"));
    }

    @Test
    void slicingAndNegativeIndexing() {
        assertEquals("cba [2, 3] 3 [1, 2] [3, 1]", render("{{ 'abc'[::-1] }} {{ x[1:] }} {{ x[-1] }} {{ x[:-1] }} {{ x[::-2] }}", "x", List.of(1, 2, 3)));
    }

    @Test
    void arithmeticFollowsPython() {
        assertEquals("3.5 3 -1 1024 7 abab ab 2", render("{{ 7 / 2 }} {{ 7 // 2 }} {{ -7 // 4 + 1 }} {{ 2 ** 10 }} {{ 1 + 2 * 3 }} {{ 'ab' * 2 }} {{ 'a' ~ 'b' }} {{ -7 % 3 }}"));
    }

    @Test
    void comparisonsMembershipAndLogic() {
        assertEquals("True True True False b 0", render("{{ 1 < 2 <= 2 }} {{ 'b' in 'abc' }} {{ 3 not in [1, 2] }} {{ not 1 }} {{ 0 or 'b' }} {{ 0 and 'b' }}"));
    }

    @Test
    void conditionalExpressionWithAndWithoutElse() {
        assertEquals("yes|", render("{{ 'yes' if x else 'no' }}|{{ 'z' if not x }}", "x", true));
    }

    @Test
    void isTestsClassifyValues() {
        String t = "{{ u is defined }}{{ u is undefined }}{{ n is none }}{{ s is string }}{{ d is mapping }}{{ l is iterable }}"
                + "{{ l is sequence }}{{ 1.5 is number }}{{ b is true }}{{ b is false }}{{ s is not string }}";
        assertEquals("FalseTrueTrueTrueTrueTrueTrueTrueTrueFalseFalse",
                render(t, "n", null, "s", "x", "d", Map.of(), "l", List.of(), "b", true));
    }

    @Test
    void undefinedRendersEmptyAndIsFalsy() {
        assertEquals("[]no0", render("[{{ missing }}]{% if missing %}yes{% else %}no{% endif %}{{ missing|length }}"));
    }

    @Test
    void missingDictKeyIsUndefinedWhetherByAttributeOrItem() {
        assertEquals("FalseFalseok", render("{{ m.x is defined }}{{ m['x'] is defined }}{{ m.get('x', 'ok') }}", "m", Map.of("y", 1)));
    }

    @Test
    void stringFiltersTransformText() {
        assertEquals("x|HI|hi|Hello World|Hello world|a-c|1", render(
                "{{ '  x \\n'|trim }}|{{ 'hi'|upper }}|{{ 'HI'|lower }}|{{ 'hello world'|title }}|{{ 'hELLO WORLD'|capitalize }}"
                        + "|{{ 'abc'|replace('b', '-') }}|{{ 1|string }}"));
    }

    @Test
    void sequenceFiltersSelectSortAndJoin() {
        List<Object> msgs = List.of(orderedMap("role", "user", "n", 2), orderedMap("role", "system", "n", 1), orderedMap("role", "user", "n", 3));
        assertEquals("2,3|system|1 2 3|3|1|1,2|a,B,c|c,b", render(
                "{{ m|selectattr('role', 'equalto', 'user')|map(attribute='n')|join(',') }}"
                        + "|{{ (m|rejectattr('role', 'eq', 'user')|first).role }}"
                        + "|{{ m|sort(attribute='n')|map(attribute='n')|join(' ') }}"
                        + "|{{ (m|last).n }}|{{ [1, 1]|unique|length }}|{{ [2, 1]|sort|join(',') }}"
                        + "|{{ ['c', 'B', 'a']|sort|join(',') }}|{{ ['b', 'c']|reverse|join(',') }}",
                "m", msgs));
    }

    @Test
    void selectAndRejectUseTests() {
        assertEquals("1,3|2", render("{{ [1, 2, 3]|select('odd')|join(',') }}|{{ [1, 2, 3]|reject('odd')|join(',') }}"));
    }

    @Test
    void numericFilters() {
        assertEquals("3 2.5 3.0 2.35 4 2 3 0", render("{{ '3'|int }} {{ '2.5'|float }} {{ 2.5|round }} {{ 2.345|round(2) }} {{ -4|abs }} {{ [1, 2]|count }} {{ [1, 2]|sum }} {{ 'x'|int }}"));
    }

    @Test
    void defaultFilterReplacesOnlyUndefinedUnlessBoolean() {
        assertEquals("d||e", render("{{ u|default('d') }}|{{ ''|default('x') }}|{{ ''|default('e', true) }}"));
    }

    @Test
    void tojsonUsesPythonSpacingAndKeepsNonAscii() {
        Map<String, Object> v = orderedMap("a", List.of(1, 2.5, "é\"\n"), "b", null, "c", true);
        assertEquals("{\"a\": [1, 2.5, \"é\\\"\\n\"], \"b\": null, \"c\": true}", render("{{ v|tojson }}", "v", v));
    }

    @Test
    void tojsonIndentPutsItemsOnTheirOwnLines() {
        Map<String, Object> v = orderedMap("a", List.of(1, 2), "b", Map.of(), "c", List.of());
        assertEquals("{\n  \"a\": [\n    1,\n    2\n  ],\n  \"b\": {},\n  \"c\": []\n}", render("{{ v|tojson(indent=2) }}", "v", v));
    }

    @Test
    void pythonStringMethods() {
        String t = "{{ s.startswith('<t') }} {{ s.endswith(('x', '>')) }} {{ '--a--'.strip('-') }} {{ 'xxa'.lstrip('x') }}"
                + " {{ 'a\\n\\n'.rstrip('\\n') }}| {{ 'a</t>b</t>c'.split('</t>')[-1] }} {{ 'a b  c'.split()|length }}"
                + " {{ 'a,b,c'.rsplit(',', 1)[0] }} {{ 'x'.upper() }} {{ 'aaa'.replace('a', 'b', 2) }} {{ '{} and {n}'.format(1, n=2) }}";
        assertEquals("True True a a a| c 3 a,b X bba 1 and 2", render(t, "s", "<think>"));
    }

    @Test
    void dictAndListMethods() {
        String t = "{% for k, v in d.items() %}{{ k }}{{ v }}{% endfor %} {{ d.keys()|join }} {{ d.values()|join }}"
                + " {% set l = [1] %}{% do l.append(2) %}{{ l }}";
        assertEquals("a1b2 ab 12 [1, 2]", render(t, "d", orderedMap("a", 1, "b", 2)));
    }

    @Test
    void strftimeNowUsesTheInjectedDate() {
        assertEquals("22 Nov 2026 2026-11-22 Sunday", render("{{ strftime_now('%d %b %Y') }} {{ strftime_now('%Y-%m-%d') }} {{ strftime_now('%A') }}"));
    }

    @Test
    void filterBindsTighterThanPlus() {
        assertEquals("<x>", render("{{ '<' + s | trim + '>' }}", "s", "  x  "));
        assertEquals("2", render("{{ l|length - 1 }}", "l", List.of(1, 2, 3)));
    }

    @Test
    void filterBlockAppliesToBody() {
        assertEquals("HELLO", render("{% filter upper %}hello{% endfilter %}"));
    }

    @Test
    void stringLiteralInsideTagMayContainTagDelimiters() {
        assertEquals("%} }}", render("{{ '%} }}' }}"));
    }

    static Map<String, Object> orderedMap(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
        return m;
    }

    static List<Object> list(Object... items) {
        return new ArrayList<>(Arrays.asList(items));
    }
}
