package ai.glassbox.ledger.gap;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.claims.ReleaseDate;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Which model each claim's model name is: an explicit table from the exact names claims use to
 * {@code models.csv} names, with every name either mapped or left out with a reason. Nothing is
 * guessed: a name missing from the table is reported, not matched by similarity. Immutable and
 * thread-safe.
 *
 * <p>The bundled {@link #SEED} ({@code claim_models.csv}, columns {@link #COLUMNS}) covers every
 * model name in the seed claims. Its rules: base, instruct, chat, quantized and reasoning-effort or
 * thinking-budget variants released with a model map to it; a later snapshot maps to it with its
 * own release date, read from its id or from a note in {@code models.csv}; other sizes, distilled
 * models, later model versions without a dated row, and snapshots that cannot be told apart are left out.
 */
public final class ClaimModels {
    /** The header, in order. */
    public static final List<String> COLUMNS = List.of("claim_model", "model", "release_date", "note");
    /** The bundled mapping for the seed claims, beside this class. */
    public static final String SEED = "claim_models.csv";

    private final Map<String, ClaimModel> byName;

    private ClaimModels(Map<String, ClaimModel> byName) {
        this.byName = byName;
    }

    /** A mapping of {@code rows}, kept in their order. @throws IllegalArgumentException if a claim model name appears twice */
    public static ClaimModels of(Collection<ClaimModel> rows) {
        Map<String, ClaimModel> m = new LinkedHashMap<>();
        for (ClaimModel r : rows) {
            if (m.putIfAbsent(r.claimModel(), r) != null) throw new IllegalArgumentException("claim model \"" + r.claimModel() + "\" is mapped twice");
        }
        return new ClaimModels(m);
    }

    /** The mapping shipped with Glassbox for {@link ai.glassbox.ledger.claims.Claims#seed()}. */
    public static ClaimModels seed() {
        try (InputStream in = ClaimModels.class.getResourceAsStream(SEED)) {
            if (in == null) throw new IllegalStateException("the mapping " + SEED + " is missing from the classpath");
            return read(new InputStreamReader(in, StandardCharsets.UTF_8), SEED);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The mapping in {@code in}: RFC 4180 with exactly the header {@link #COLUMNS}; an empty
     * {@code model} leaves the name out (its note must say why), an empty {@code release_date}
     * uses the model's.
     *
     * @param fileName names the input in errors
     * @throws IllegalArgumentException naming the file and line: another header, another number of
     *     fields, a date that is not {@code yyyy-MM-dd} or {@code yyyy-MM}, a row {@link ClaimModel} rejects, or a name mapped twice
     */
    public static ClaimModels read(Reader in, String fileName) {
        List<ClaimModel> rows = new ArrayList<>();
        try (CSVParser parser = CSVFormat.RFC4180.parse(in)) {
            long line = 0;
            for (CSVRecord r : parser) {
                line++;
                List<String> values = r.toList();
                if (line == 1) {
                    if (!values.equals(COLUMNS)) throw new IllegalArgumentException(fileName + ":1: header is " + values + ", expected " + COLUMNS);
                    continue;
                }
                if (values.size() != COLUMNS.size()) throw new IllegalArgumentException(fileName + ":" + line + ": " + values.size() + " fields, the header has " + COLUMNS.size());
                try {
                    rows.add(new ClaimModel(values.get(0), optional(values.get(1)), optional(values.get(2)).map(ReleaseDate::parse), values.get(3)));
                } catch (DateTimeParseException | IllegalArgumentException e) {
                    throw new IllegalArgumentException(fileName + ":" + line + ": " + e.getMessage(), e);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(fileName + " cannot be read", e);
        }
        return of(rows);
    }

    private static Optional<String> optional(String s) {
        return s.isEmpty() ? Optional.empty() : Optional.of(s);
    }

    /** The row for a claim's model name, matched exactly; empty when the table does not list it. */
    public Optional<ClaimModel> lookup(String claimModel) {
        return Optional.ofNullable(byName.get(claimModel));
    }

    /** Every row, in the order given. */
    public List<ClaimModel> rows() {
        return List.copyOf(byName.values());
    }

    /**
     * Places each claim on its model and release date, in the claims' order.
     *
     * @param models the models mapped names refer to, by {@link ModelFact#model()}
     * @throws IllegalArgumentException if two models share a name
     */
    public Placement place(List<Claim> claims, List<ModelFact> models) {
        Map<String, ModelFact> facts = models.stream().collect(Collectors.toMap(ModelFact::model, Function.identity(), (a, b) -> {
            throw new IllegalArgumentException("model \"" + a.model() + "\" appears twice in the model facts");
        }));
        List<PlacedClaim> placed = new ArrayList<>();
        List<UnplacedClaim> unplaced = new ArrayList<>();
        for (Claim c : claims) {
            Optional<ClaimModel> row = lookup(c.model());
            if (row.isEmpty()) {
                unplaced.add(new UnplacedClaim(c, "no mapping for \"" + c.model() + "\""));
            } else if (row.get().model().isEmpty()) {
                unplaced.add(new UnplacedClaim(c, "left out: " + row.get().note()));
            } else {
                ModelFact fact = facts.get(row.get().model().get());
                if (fact == null) unplaced.add(new UnplacedClaim(c, "\"" + c.model() + "\" maps to \"" + row.get().model().get() + "\", which is not a known model"));
                else placed.add(new PlacedClaim(c, fact, row.get().releaseDate().orElse(fact.releaseDate())));
            }
        }
        return new Placement(placed, unplaced);
    }

    /**
     * The claims {@link #place} could and could not place.
     *
     * @param placed claims on a model and date, in the claims' order
     * @param unplaced the rest, with reasons, in the claims' order
     */
    public record Placement(List<PlacedClaim> placed, List<UnplacedClaim> unplaced) {
        public Placement {
            placed = List.copyOf(placed);
            unplaced = List.copyOf(unplaced);
        }
    }
}
