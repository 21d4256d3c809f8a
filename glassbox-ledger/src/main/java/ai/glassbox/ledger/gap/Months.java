package ai.glassbox.ledger.gap;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;

/** Decimal months between dates: days divided by the mean Gregorian month, 365.2425 / 12 = 30.436875 days. */
final class Months {
    static final double DAYS_PER_MONTH = 365.2425 / 12;

    private Months() {}

    /** Months from {@code from} to {@code to}; negative when {@code to} is earlier. */
    static double between(LocalDate from, LocalDate to) {
        return ChronoUnit.DAYS.between(from, to) / DAYS_PER_MONTH;
    }
}
