package ai.glassbox.engine.chat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Python string operations with Python's edge cases (whitespace splitting, strip sets, counts). */
final class Strings {
    private Strings() {}

    /** {@code strip}/{@code lstrip}/{@code rstrip}; {@code chars == null} means Python whitespace. */
    static String strip(String s, String chars, boolean left, boolean right) {
        int start = 0, end = s.length();
        while (left && start < end && stripped(s.charAt(start), chars)) start++;
        while (right && end > start && stripped(s.charAt(end - 1), chars)) end--;
        return s.substring(start, end);
    }

    private static boolean stripped(char c, String chars) {
        return chars == null ? Character.isWhitespace(c) || Character.isSpaceChar(c) : chars.indexOf(c) >= 0;
    }

    static String title(String s) {
        StringBuilder sb = new StringBuilder();
        boolean prevLetter = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            sb.append(prevLetter ? Character.toLowerCase(c) : Character.toUpperCase(c));
            prevLetter = Character.isLetter(c);
        }
        return sb.toString();
    }

    static String capitalize(String s) {
        if (s.isEmpty()) return s;
        return s.substring(0, 1).toUpperCase() + s.substring(1).toLowerCase();
    }

    /** {@code split}/{@code rsplit}; {@code sep == null} splits on whitespace runs and drops empties. */
    static List<Object> split(String s, String sep, long maxSplit, boolean fromRight) {
        List<Object> out = new ArrayList<>();
        if (sep == null) {
            String[] words = s.strip().isEmpty() ? new String[0] : s.strip().split("\\s+");
            if (maxSplit < 0 || words.length <= maxSplit + 1) {
                out.addAll(List.of(words));
                return out;
            }
            // With a limit, the remainder keeps its inner whitespace; rare in templates, so keep simple.
            String rest = s.strip();
            for (int i = 0; i < maxSplit; i++) {
                String[] parts = fromRight ? rsplitOnce(rest) : rest.split("\\s+", 2);
                out.add(fromRight ? parts[1] : parts[0]);
                rest = fromRight ? parts[0] : parts[1];
            }
            out.add(rest);
            if (fromRight) Collections.reverse(out);
            return out;
        }
        if (sep.isEmpty()) throw new IllegalArgumentException("empty separator");
        if (!fromRight) {
            int from = 0;
            for (int idx; (maxSplit < 0 || out.size() < maxSplit) && (idx = s.indexOf(sep, from)) >= 0; from = idx + sep.length()) {
                out.add(s.substring(from, idx));
            }
            out.add(s.substring(from));
            return out;
        }
        int end = s.length();
        for (int idx; (maxSplit < 0 || out.size() < maxSplit) && (idx = s.lastIndexOf(sep, end - sep.length())) >= 0; end = idx) {
            out.add(s.substring(idx + sep.length(), end));
            if (idx == 0 && end == 0) break;
        }
        out.add(s.substring(0, end));
        Collections.reverse(out);
        return out;
    }

    private static String[] rsplitOnce(String s) {
        int i = s.length() - 1;
        while (i >= 0 && !Character.isWhitespace(s.charAt(i))) i--;
        int j = i;
        while (j >= 0 && Character.isWhitespace(s.charAt(j))) j--;
        return new String[] {s.substring(0, j + 1), s.substring(i + 1)};
    }

    static String replace(String s, String old, String replacement, long count) {
        if (count < 0) return s.replace(old, replacement);
        StringBuilder sb = new StringBuilder();
        int from = 0;
        for (long n = 0; n < count; n++) {
            int idx = s.indexOf(old, from);
            if (idx < 0) break;
            sb.append(s, from, idx).append(replacement);
            from = idx + old.length();
            if (old.isEmpty()) {
                if (from < s.length()) sb.append(s.charAt(from));
                from++;
            }
        }
        if (from <= s.length()) sb.append(s.substring(Math.min(from, s.length())));
        return sb.toString();
    }

    static long count(String s, String sub) {
        if (sub.isEmpty()) return s.codePointCount(0, s.length()) + 1;
        long n = 0;
        for (int idx = s.indexOf(sub); idx >= 0; idx = s.indexOf(sub, idx + sub.length())) n++;
        return n;
    }

    /** {@code str.format} with {@code {}}, {@code {0}} and {@code {name}} fields, no format specs. */
    static String format(Position at, String s, List<Object> args, Map<String, Object> kwargs) {
        StringBuilder sb = new StringBuilder();
        int auto = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '{' && i + 1 < s.length() && s.charAt(i + 1) == '{') {
                sb.append('{');
                i++;
            } else if (c == '}' && i + 1 < s.length() && s.charAt(i + 1) == '}') {
                sb.append('}');
                i++;
            } else if (c == '{') {
                int close = s.indexOf('}', i);
                if (close < 0) throw new TemplateException(at, "format: unmatched '{'");
                String field = s.substring(i + 1, close);
                Object v;
                if (field.isEmpty()) v = auto < args.size() ? args.get(auto++) : missing(at, field);
                else if (field.chars().allMatch(Character::isDigit)) {
                    int n = Integer.parseInt(field);
                    v = n < args.size() ? args.get(n) : missing(at, field);
                } else v = kwargs.containsKey(field) ? kwargs.get(field) : missing(at, field);
                sb.append(Values.str(v));
                i = close;
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }

    private static Object missing(Position at, String field) {
        throw new TemplateException(at, "format: no value for field '{" + field + "}'");
    }
}
