package ai.glassbox.ledger.claims;

import java.io.Reader;
import java.nio.file.Path;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Reads {@link ModelFact}s from CSV with the header
 * {@code model,organization,weights,release_date,parameters_b,license,source_url_or_repo_path,note},
 * strictly: see {@link #read(Reader, String)}. Stateless and thread-safe.
 */
public final class ModelFacts {
    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("model", "organization", "weights", "release_date", "parameters_b", "license", "source_url_or_repo_path", "note");
    /** The bundled seed data, beside this class. */
    public static final String SEED = "models.csv";

    private ModelFacts() {}

    /** The model facts shipped with Glassbox (63 models; their sources are in the bundled SOURCES.md). */
    public static List<ModelFact> seed() {
        return read(StrictCsv.resource(ModelFacts.class, SEED), SEED);
    }

    /** The model facts in a UTF-8 file. @throws CsvFormatException as {@link #read(Reader, String)} */
    public static List<ModelFact> read(Path file) {
        return read(StrictCsv.file(file), file.toString());
    }

    /**
     * The model facts in {@code in}, in file order.
     *
     * @param fileName names the input in errors
     * @throws CsvFormatException naming the file, line and column: a header that is not exactly
     *     {@link #COLUMNS}, a record with another number of fields, malformed quoting, a padded
     *     value, an empty model, organization, weights, date or source, {@code weights} other than
     *     {@code open} or {@code closed}, a date that is not {@code yyyy-MM-dd} or {@code yyyy-MM},
     *     or {@code parameters_b} that is not a positive plain decimal
     */
    public static List<ModelFact> read(Reader in, String fileName) {
        return StrictCsv.read(in, fileName, COLUMNS).stream().map(ModelFacts::fact).toList();
    }

    private static ModelFact fact(CsvRow row) {
        return new ModelFact(row.required("model"), row.required("organization"), weights(row), releaseDate(row), parameters(row),
                row.text("license"), row.required("source_url_or_repo_path"), row.text("note"));
    }

    private static ModelFact.Weights weights(CsvRow row) {
        return switch (row.required("weights")) {
            case "open" -> ModelFact.Weights.OPEN;
            case "closed" -> ModelFact.Weights.CLOSED;
            default -> throw row.error("weights", "is \"" + row.text("weights") + "\", expected open or closed");
        };
    }

    private static ReleaseDate releaseDate(CsvRow row) {
        try {
            return ReleaseDate.parse(row.required("release_date"));
        } catch (DateTimeParseException e) {
            throw row.error("release_date", "\"" + row.text("release_date") + "\" is not a date yyyy-MM-dd or a month yyyy-MM");
        }
    }

    private static OptionalDouble parameters(CsvRow row) {
        if (row.text("parameters_b").isEmpty()) return OptionalDouble.empty();
        double b = row.decimal("parameters_b");
        if (b == 0) throw row.error("parameters_b", "is 0; leave it empty where the size is unknown");
        return OptionalDouble.of(b);
    }
}
