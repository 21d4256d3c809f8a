package ai.glassbox.eval.filter;

import java.util.regex.Pattern;

/**
 * Python's string semantics where the harness's formatting and scoring depend on them: which
 * characters {@code str.strip()} removes, and regexes in which {@code .} and {@code $} treat only
 * {@code \n} as a line end (Java's defaults also count {@code \r}, U+0085, U+2028 and U+2029).
 */
public final class PythonText {
    private PythonText() {}

    /** Python's {@code str.isspace()} for one code point. */
    public static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F || c == 0x3000;
    }

    /** Python's {@code str.strip()}. */
    public static String strip(String s) {
        int start = 0, end = s.length();
        while (start < end && isSpace(s.charAt(start))) start++;
        while (end > start && isSpace(s.charAt(end - 1))) end--;
        return s.substring(start, end);
    }

    /** Python's {@code str.rstrip()}. */
    public static String rstrip(String s) {
        int end = s.length();
        while (end > 0 && isSpace(s.charAt(end - 1))) end--;
        return s.substring(0, end);
    }

    /** A regex compiled to match as Python's {@code re} does for the harness's patterns. */
    public static Pattern pattern(String regex) {
        return Pattern.compile(regex, Pattern.UNIX_LINES);
    }
}
