package ai.glassbox.ledger.claims;

import java.io.Reader;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads {@link Claim}s from CSV with the header {@code model,benchmark,score,setting,claimed_by,source,note},
 * strictly: see {@link #read(Reader, String)}. Stateless and thread-safe.
 */
public final class Claims {
    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("model", "benchmark", "score", "setting", "claimed_by", "source", "note");
    /** The bundled seed data, beside this class. */
    public static final String SEED = "claims.csv";

    private Claims() {}

    /** The claims shipped with Glassbox (630 rows; their sources are in the bundled SOURCES.md). */
    public static List<Claim> seed() {
        return read(StrictCsv.resource(Claims.class, SEED), SEED);
    }

    /** The claims in a UTF-8 file. @throws CsvFormatException as {@link #read(Reader, String)} */
    public static List<Claim> read(Path file) {
        return read(StrictCsv.file(file), file.toString());
    }

    /**
     * The claims in {@code in}, in file order.
     *
     * @param fileName names the input in errors
     * @throws CsvFormatException naming the file, line and column: a header that is not exactly
     *     {@link #COLUMNS}, a record with another number of fields, malformed quoting, a padded
     *     value, an empty field other than {@code note}, or a score that is not a plain decimal in [0, 100]
     */
    public static List<Claim> read(Reader in, String fileName) {
        return StrictCsv.read(in, fileName, COLUMNS).stream().map(Claims::claim).toList();
    }

    private static Claim claim(CsvRow row) {
        double score = row.decimal("score");
        if (score > 100) throw row.error("score", row.text("score") + " is not a percent in [0, 100]");
        return new Claim(row.required("model"), row.required("benchmark"), score, row.required("setting"), row.required("claimed_by"), row.required("source"), row.text("note"));
    }
}
