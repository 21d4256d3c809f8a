package ai.glassbox.eval.metric;

import java.util.List;
import java.util.Locale;
import ai.glassbox.eval.filter.PythonText;
import java.util.regex.Pattern;

/**
 * lm-evaluation-harness's {@code exact_match} (its port of HF evaluate's metric): each regex to
 * ignore is deleted from prediction and reference in the listed order, then the case is folded,
 * then (optionally) punctuation is removed, then the strings are compared.
 *
 * @param regexesToIgnore patterns removed with {@code re.sub(pattern, "", s)}
 * @param ignoreCase fold both strings to lower case
 * @param ignorePunctuation delete ASCII punctuation ({@code string.punctuation})
 */
public record ExactMatch(List<String> regexesToIgnore, boolean ignoreCase, boolean ignorePunctuation) {
    private static final Pattern PUNCTUATION = Pattern.compile("[!\"#$%&'()*+,\\-./:;<=>?@\\[\\\\\\]^_`{|}~]");

    public ExactMatch {
        regexesToIgnore = List.copyOf(regexesToIgnore);
        for (String r : regexesToIgnore) PythonText.pattern(r);
    }

    /** 1 if the normalized strings are equal, else 0. */
    public double score(String prediction, String reference) {
        return normalize(prediction).equals(normalize(reference)) ? 1 : 0;
    }

    String normalize(String s) {
        for (String r : regexesToIgnore) s = PythonText.pattern(r).matcher(s).replaceAll("");
        if (ignoreCase) s = s.toLowerCase(Locale.ROOT);
        if (ignorePunctuation) s = PUNCTUATION.matcher(s).replaceAll("");
        return s;
    }
}
