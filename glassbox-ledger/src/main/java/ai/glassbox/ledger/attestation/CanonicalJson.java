package ai.glassbox.ledger.attestation;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The JSON Canonicalization Scheme (RFC 8785): no whitespace, object members sorted by the UTF-16
 * code units of their names, strings with the minimal escapes, numbers as ECMAScript's
 * {@code Number.prototype.toString} writes the IEEE double. The same value always has the same
 * bytes, so a digest or signature over it is well defined.
 */
public final class CanonicalJson {
    /** Integers above this are not exact doubles; canonicalizing them would change the value. */
    private static final BigInteger MAX_EXACT = BigInteger.TWO.pow(53);

    private CanonicalJson() {}

    /** The canonical UTF-8 bytes of {@code value}. @throws IllegalArgumentException for values JSON cannot hold exactly */
    public static byte[] bytes(JsonNode value) {
        var sb = new StringBuilder();
        write(value, sb, "$");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void write(JsonNode n, StringBuilder out, String at) {
        switch (n.getNodeType()) {
            case OBJECT -> {
                List<Map.Entry<String, JsonNode>> members = new ArrayList<>();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) members.add(it.next());
                members.sort(Map.Entry.comparingByKey()); // String.compareTo orders by UTF-16 code units, as RFC 8785 §3.2.3 asks
                out.append('{');
                for (int i = 0; i < members.size(); i++) {
                    if (i > 0) out.append(',');
                    string(members.get(i).getKey(), out, at);
                    out.append(':');
                    write(members.get(i).getValue(), out, at + "." + members.get(i).getKey());
                }
                out.append('}');
            }
            case ARRAY -> {
                out.append('[');
                for (int i = 0; i < n.size(); i++) {
                    if (i > 0) out.append(',');
                    write(n.get(i), out, at + "[" + i + "]");
                }
                out.append(']');
            }
            case STRING -> string(n.textValue(), out, at);
            case NUMBER -> out.append(number(n, at));
            case BOOLEAN -> out.append(n.booleanValue());
            case NULL -> out.append("null");
            default -> throw new IllegalArgumentException(at + ": " + n.getNodeType() + " has no JSON form");
        }
    }

    private static String number(JsonNode n, String at) {
        if (n.isIntegralNumber()) {
            BigInteger v = n.bigIntegerValue();
            if (v.abs().compareTo(MAX_EXACT) > 0) throw new IllegalArgumentException(at + ": integer " + v + " is not exactly representable as an IEEE double");
            return v.toString();
        }
        // a decimal is the IEEE double nearest to it, as ECMAScript's JSON.parse reads it
        return number(n.doubleValue(), at);
    }

    /** ECMAScript's Number.prototype.toString for a finite double (ECMA-262 §6.1.6.1.20). */
    static String number(double v, String at) {
        if (Double.isNaN(v) || Double.isInfinite(v)) throw new IllegalArgumentException(at + ": " + v + " is not a JSON number");
        if (v == 0) return "0";
        String sign = v < 0 ? "-" : "";
        // Java's Double.toString gives the shortest digits that round-trip (JDK 19+), as ECMAScript requires
        BigDecimal shortest = new BigDecimal(Double.toString(Math.abs(v))).stripTrailingZeros();
        if (shortest.precision() == 2) {
            // Double.toString keeps a digit after the point (4.9E-324), where one digit may already round-trip (5e-324)
            BigDecimal one = shortest.round(new java.math.MathContext(1, java.math.RoundingMode.HALF_EVEN));
            if (one.doubleValue() == Math.abs(v)) shortest = one.stripTrailingZeros();
        }
        String digits = shortest.unscaledValue().toString();
        int k = digits.length();
        int exp = k - shortest.scale(); // value = 0.digits × 10^exp, ECMAScript's n
        StringBuilder out = new StringBuilder(sign);
        if (k <= exp && exp <= 21) {
            out.append(digits).append("0".repeat(exp - k));
        } else if (0 < exp && exp <= 21) {
            out.append(digits, 0, exp).append('.').append(digits, exp, k);
        } else if (-6 < exp && exp <= 0) {
            out.append("0.").append("0".repeat(-exp)).append(digits);
        } else {
            int e = exp - 1;
            out.append(digits.charAt(0));
            if (k > 1) out.append('.').append(digits, 1, k);
            out.append('e').append(e < 0 ? '-' : '+').append(Math.abs(e));
        }
        return out.toString();
    }

    private static void string(String s, StringBuilder out, String at) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                out.append(c).append(s.charAt(++i));
                continue;
            }
            if (Character.isSurrogate(c)) throw new IllegalArgumentException(at + ": a lone surrogate U+" + Integer.toHexString(c) + " is not valid Unicode");
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) out.append(String.format("\\u%04x", (int) c));
                    else out.append(c);
                }
            }
        }
        out.append('"');
    }
}
