package ai.glassbox.engine.tokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The regular expressions that split text into words before byte-level BPE, per
 * {@code tokenizer.ggml.pre}, copied from llama.cpp's {@code llm_tokenizer_bpe} (the adapted forms
 * it actually runs). Each expression splits every fragment left by the previous one; both the
 * matches and the text between them become fragments ({@code unicode_regex_split}).
 *
 * <p>llama.cpp matches expressions that use Unicode categories on a "collapsed" text where each
 * non-ASCII character stands for its category and non-ASCII whitespace for {@code \v}; Java's
 * {@link Pattern#UNICODE_CHARACTER_CLASS} gives the same classes on the text itself. Expressions
 * without categories run on the text with non-ASCII whitespace replaced by {@code \v}, ASCII
 * {@code \s}, as with llama.cpp's {@code std::wregex}. Thread-safe.
 */
enum PreTokenizer {
    DEFAULT(
            "[\\p{P}\\$\\+<=>\\^~\\|]+",
            PreTokenizer.GPT2_WORDS,
            "\\p{N}+",
            "[0-9][0-9][0-9]"),
    GPT2(PreTokenizer.GPT2_WORDS),
    LLAMA3("(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}{1,3}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    QWEN2("(?:'[sS]|'[tT]|'[rR][eE]|'[vV][eE]|'[mM]|'[lL][lL]|'[dD])|[^\\r\\n\\p{L}\\p{N}]?\\p{L}+|\\p{N}"
            + "| ?[^\\s\\p{L}\\p{N}]+[\\r\\n]*|\\s*[\\r\\n]+|\\s+(?!\\S)|\\s+"),
    // non-ASCII characters are written as escapes: some (U+1F7D, U+212A...) are canonical singletons
    // that an editor's Unicode normalization would silently replace
    DEEPSEEK_LLM(
            "[\r\n]",
            "\\s?["
                    + "A-Za-z\\x{B5}\\x{C0}-\\x{D6}\\x{D8}-\\x{F6}\\x{F8}-\\x{1BA}\\x{1BC}-\\x{1BF}"
                    + "\\x{1C4}-\\x{293}\\x{295}-\\x{2AF}\\x{370}-\\x{373}\\x{376}\\x{377}"
                    + "\\x{37B}-\\x{37D}\\x{37F}\\x{386}\\x{388}-\\x{38A}\\x{38C}\\x{38E}-\\x{3A1}"
                    + "\\x{3A3}-\\x{3F5}\\x{3F7}-\\x{481}\\x{48A}-\\x{52F}\\x{531}-\\x{556}"
                    + "\\x{10A0}-\\x{10C5}\\x{13A0}-\\x{13F5}\\x{13F8}-\\x{13FD}\\x{1C90}-\\x{1CBA}"
                    + "\\x{1CBD}-\\x{1CBF}\\x{1D00}-\\x{1D2B}\\x{1D6B}-\\x{1D77}\\x{1D79}-\\x{1D9A}"
                    + "\\x{1E00}-\\x{1F15}\\x{1F18}-\\x{1F1D}\\x{1F20}-\\x{1F45}\\x{1F48}-\\x{1F4D}"
                    + "\\x{1F50}-\\x{1F57}\\x{1F59}\\x{1F5B}\\x{1F5D}\\x{1F5F}-\\x{1F7D}"
                    + "\\x{1F80}-\\x{1FB4}\\x{1FB6}-\\x{1FBC}\\x{1FBE}\\x{1FC2}-\\x{1FC4}"
                    + "\\x{1FC6}-\\x{1FCC}\\x{1FD0}-\\x{1FD3}\\x{1FD6}-\\x{1FDB}\\x{1FE0}-\\x{1FEC}"
                    + "\\x{1FF2}-\\x{1FF4}\\x{1FF6}-\\x{1FFC}\\x{2102}\\x{2107}\\x{210A}-\\x{2113}"
                    + "\\x{2115}\\x{2119}-\\x{211D}\\x{2124}\\x{2126}\\x{2128}\\x{212A}-\\x{212D}"
                    + "\\x{212F}-\\x{2134}\\x{2139}\\x{213C}-\\x{213F}\\x{2145}-\\x{2149}\\x{214E}"
                    + "\\x{2183}\\x{2184}\\x{2C00}-\\x{2C7B}\\x{2C7E}-\\x{2CE4}\\x{2CEB}-\\x{2CEE}"
                    + "\\x{2CF2}\\x{2CF3}\\x{A640}-\\x{A66D}\\x{A680}-\\x{A69B}\\x{A722}-\\x{A76F}"
                    + "\\x{A771}-\\x{A787}\\x{A78B}-\\x{A78E}\\x{AB70}-\\x{ABBF}\\x{FB00}-\\x{FB06}"
                    + "\\x{FB13}-\\x{FB17}\\x{FF21}-\\x{FF3A}\\x{FF41}-\\x{FF5A}\\x{10400}-\\x{1044F}"
                    + "\\x{104B0}-\\x{104D3}\\x{104D8}-\\x{104FB}\\x{10C80}-\\x{10CB2}"
                    + "\\x{10CC0}-\\x{10CF2}\\x{118A0}-\\x{118DF}\\x{1E900}-\\x{1E943}"
                    + "]+",
            "\\s?[!-/:-~\\x{FF01}-\\x{FF0F}\\x{FF1A}-\\x{FF5E}\\x{2018}-\\x{201F}\\x{3000}-\\x{3002}]+",
            // std::regex's $ is the end of the fragment; Java's would also match before a final line break
            "\\s+\\z",
            "[\\x{4E00}-\\x{9FA5}\\x{800}-\\x{4E00}\\x{AC00}-\\x{D7FF}]+",
            "\\p{N}+"),
    DEEPSEEK_CODER("[\r\n]", "\\s?\\p{L}+", "\\s?\\p{P}+", "[\\x{4E00}-\\x{9FA5}\\x{800}-\\x{4E00}\\x{AC00}-\\x{D7FF}]+", "\\p{N}"),
    FALCON("[\\p{P}\\$\\+<=>\\^~\\|`]+", PreTokenizer.GPT2_WORDS, "[0-9][0-9][0-9]"),
    STARCODER("\\p{N}", PreTokenizer.GPT2_WORDS);

    private static final String GPT2_WORDS = "'s|'t|'re|'ve|'m|'ll|'d| ?\\p{L}+| ?\\p{N}+| ?[^\\s\\p{L}\\p{N}]+|\\s+(?!\\S)";

    private record Step(Pattern pattern, boolean categories) {}

    private final List<Step> steps;

    PreTokenizer(String... regexes) {
        List<Step> list = new ArrayList<>();
        for (String regex : regexes) {
            boolean categories = regex.contains("\\p{");
            list.add(new Step(Pattern.compile(regex, categories ? Pattern.UNICODE_CHARACTER_CLASS : 0), categories));
        }
        steps = List.copyOf(list);
    }

    /** Splits {@code text} into words; concatenated, they give back {@code text}. */
    List<String> split(String text) {
        List<String> words = List.of(text);
        String asciiSpaced = null;
        for (Step step : steps) {
            String matched = text;
            if (!step.categories()) {
                if (asciiSpaced == null) asciiSpaced = nonAsciiWhitespaceAsVerticalTab(text);
                matched = asciiSpaced;
            }
            List<String> next = new ArrayList<>(words.size() * 2);
            int offset = 0;
            for (String word : words) {
                splitWord(step.pattern(), matched, offset, offset + word.length(), text, next);
                offset += word.length();
            }
            words = next;
        }
        return words;
    }

    private static void splitWord(Pattern pattern, String matched, int from, int to, String text, List<String> out) {
        // opaque, anchoring region bounds: lookaheads and \z see the fragment's end as the text's end
        Matcher m = pattern.matcher(matched).region(from, to);
        int last = from;
        while (m.find()) {
            if (m.start() > last) out.add(text.substring(last, m.start()));
            if (m.end() > m.start()) out.add(text.substring(m.start(), m.end()));
            last = m.end();
        }
        if (last < to) out.add(text.substring(last, to));
    }

    private static String nonAsciiWhitespaceAsVerticalTab(String text) {
        char[] chars = text.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            char c = chars[i];
            if (c > 0x7F && isWhitespace(c)) chars[i] = '\u000B';
        }
        return new String(chars);
    }

    /** The Unicode White_Space property, llama.cpp's {@code unicode_set_whitespace}. */
    private static boolean isWhitespace(int cp) {
        return (cp >= 0x09 && cp <= 0x0D) || cp == 0x20 || cp == 0x85 || cp == 0xA0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200A) || cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
    }
}
