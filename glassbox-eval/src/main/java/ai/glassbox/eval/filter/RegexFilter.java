package ai.glassbox.eval.filter;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

/**
 * lm-evaluation-harness's {@code regex} filter: Python's {@code re.findall} over the response, then
 * the match at {@code groupSelect} (negative counts from the end). A match of a pattern with
 * several groups is the tuple of groups, of which the first non-empty one is taken. The answer is
 * stripped; no match (or an empty tuple) gives the fallback.
 *
 * @param pattern the regex, in a syntax that Python and Java read alike
 * @param groupSelect which match to take: 0 the first, -1 the last
 * @param fallback the answer when nothing matches ({@code "[invalid]"} in the harness)
 */
public record RegexFilter(String pattern, int groupSelect, String fallback) implements ResponseFilter {
    public RegexFilter {
        PythonText.pattern(pattern);
    }

    public RegexFilter(String pattern, int groupSelect) {
        this(pattern, groupSelect, "[invalid]");
    }

    @Override
    public String apply(String response) {
        Matcher m = PythonText.pattern(pattern).matcher(response);
        List<String> matches = new ArrayList<>();
        while (m.find()) matches.add(findallItem(m));
        if (matches.isEmpty()) return fallback;
        int i = groupSelect < 0 ? matches.size() + groupSelect : groupSelect;
        // Python raises IndexError here; the harness's tasks never select past the matches
        if (i < 0 || i >= matches.size()) return fallback;
        String match = matches.get(i);
        return match == null ? fallback : PythonText.strip(match);
    }

    /** What {@code re.findall} yields for one match: the whole match, the group, or the first non-empty group of a tuple (null if none). */
    private static String findallItem(Matcher m) {
        int groups = m.groupCount();
        if (groups == 0) return m.group();
        if (groups == 1) return m.group(1) == null ? "" : m.group(1);
        for (int g = 1; g <= groups; g++) {
            String s = m.group(g);
            if (s != null && !s.isEmpty()) return s;
        }
        return null;
    }

}
