package ai.glassbox.ledger.claims;

import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.Objects;

/**
 * A release date as precise as its source: a day ({@code 2024-07-23}) or only a month
 * ({@code 2024-03}, as for Grok-1's open-weights release). A month is not widened to a made-up day.
 *
 * @param date the day; for {@link Precision#MONTH} the first of the month
 * @param precision what {@code date} says
 */
public record ReleaseDate(LocalDate date, Precision precision) implements Comparable<ReleaseDate> {
    /** How much of {@link #date} is known. */
    public enum Precision {
        // declared coarse first: a month sorts before a day of that month
        MONTH,
        DAY
    }

    private static final Comparator<ReleaseDate> ORDER = Comparator.comparing(ReleaseDate::date).thenComparing(ReleaseDate::precision);

    public ReleaseDate {
        Objects.requireNonNull(date, "date");
        Objects.requireNonNull(precision, "precision");
        if (precision == Precision.MONTH && date.getDayOfMonth() != 1) throw new IllegalArgumentException("a month-precision date is the first of its month, not " + date);
    }

    /** {@code yyyy-MM-dd} or {@code yyyy-MM}. @throws DateTimeParseException for anything else, or a day that does not exist */
    public static ReleaseDate parse(String text) {
        // ISO_LOCAL_DATE resolves strictly: 2024-02-30 is an error, not March 1st
        if (text.length() == 7) return new ReleaseDate(YearMonth.parse(text, DateTimeFormatter.ofPattern("uuuu-MM")).atDay(1), Precision.MONTH);
        return new ReleaseDate(LocalDate.parse(text, DateTimeFormatter.ISO_LOCAL_DATE), Precision.DAY);
    }

    /** Earlier dates first; a month sorts with its first day, before that day given exactly. */
    @Override
    public int compareTo(ReleaseDate other) {
        return ORDER.compare(this, other);
    }

    /** The form {@link #parse} reads. */
    @Override
    public String toString() {
        return precision == Precision.DAY ? date.toString() : YearMonth.from(date).toString();
    }
}
