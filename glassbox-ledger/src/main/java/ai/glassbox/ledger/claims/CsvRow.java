package ai.glassbox.ledger.claims;

import java.util.List;
import java.util.regex.Pattern;

/** One data record of a CSV file with a fixed header, and where it starts, so that every error can say where. */
record CsvRow(String file, long line, List<String> header, List<String> values) {
    /** A plain decimal: no sign, exponent, hex, NaN or spaces, which {@link Double#parseDouble} would all accept. */
    private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]+)?");

    CsvRow {
        header = List.copyOf(header);
        values = List.copyOf(values);
        assert header.size() == values.size();
    }

    /** The column's value, possibly empty. */
    String text(String column) {
        int i = header.indexOf(column);
        if (i < 0) throw new IllegalArgumentException("no column " + column + " in " + header); // a bug in the caller, not in the file
        return values.get(i);
    }

    /** The column's value, which must not be empty. */
    String required(String column) {
        String v = text(column);
        if (v.isEmpty()) throw error(column, "is empty");
        return v;
    }

    /** The column's value as a plain non-negative decimal. */
    double decimal(String column) {
        String v = required(column);
        if (!DECIMAL.matcher(v).matches()) throw error(column, "\"" + v + "\" is not a number");
        return Double.parseDouble(v);
    }

    CsvFormatException error(String column, String problem) {
        return new CsvFormatException(file, line, "column " + column + " (" + (header.indexOf(column) + 1) + ") " + problem);
    }
}
