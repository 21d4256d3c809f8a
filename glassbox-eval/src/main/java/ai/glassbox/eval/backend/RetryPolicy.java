package ai.glassbox.eval.backend;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * How often and how patiently a remote call is retried after a retriable failure (429, 5xx, a
 * refused connection, a timeout): exponential backoff with jitter, or the server's
 * {@code Retry-After} when it sends one.
 *
 * @param maxRetries retries after the first attempt (0 = try once)
 * @param initialBackoff the wait before the first retry; it doubles with every further retry
 * @param maxBackoff the longest computed wait (a {@code Retry-After} may ask for longer)
 */
public record RetryPolicy(int maxRetries, Duration initialBackoff, Duration maxBackoff) {
    /** The longest {@code Retry-After} honoured, so a confused server cannot stall a run for hours. */
    public static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(10);

    public RetryPolicy {
        if (maxRetries < 0) throw new IllegalArgumentException("max retries must be >= 0, is " + maxRetries);
        Objects.requireNonNull(initialBackoff, "initialBackoff");
        Objects.requireNonNull(maxBackoff, "maxBackoff");
        if (initialBackoff.isNegative()) throw new IllegalArgumentException("initial backoff is negative: " + initialBackoff);
        if (maxBackoff.compareTo(initialBackoff) < 0) throw new IllegalArgumentException("max backoff " + maxBackoff + " is shorter than the initial backoff " + initialBackoff);
    }

    /** Three retries, waiting about 1 s, 2 s and 4 s (at most 30 s). */
    public static RetryPolicy defaults() {
        return new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    public RetryPolicy withMaxRetries(int n) {
        return new RetryPolicy(n, initialBackoff, maxBackoff);
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param retryAfter the server's {@code Retry-After}, if it sent one: used as given (capped at
     *     {@link #MAX_RETRY_AFTER})
     * @param jitter a number in {@code [0, 1)}; the computed wait is scaled into
     *     {@code [1/2, 1]} of {@code min(maxBackoff, initialBackoff * 2^(retry-1))} so that clients
     *     that failed together do not retry together
     */
    public Duration delay(int retry, Optional<Duration> retryAfter, double jitter) {
        if (retry < 1) throw new IllegalArgumentException("retry numbers start at 1, got " + retry);
        if (retryAfter.isPresent()) {
            Duration d = retryAfter.get();
            return d.isNegative() ? Duration.ZERO : d.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : d;
        }
        if (jitter < 0 || jitter >= 1) throw new IllegalArgumentException("jitter " + jitter + " is not in [0, 1)");
        Duration wait = initialBackoff;
        for (int i = 1; i < retry && wait.compareTo(maxBackoff) < 0; i++) wait = wait.multipliedBy(2);
        if (wait.compareTo(maxBackoff) > 0) wait = maxBackoff;
        return Duration.ofNanos((long) (wait.toNanos() * (0.5 + 0.5 * jitter)));
    }

    /**
     * Reads a {@code Retry-After} header (RFC 9110 section 10.2.3): delay seconds or an HTTP date.
     *
     * @return the wait it asks for, or empty if the value is neither
     */
    static Optional<Duration> parseRetryAfter(String value, Instant now) {
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return Double.isFinite(seconds) ? Optional.of(Duration.ofMillis(Math.round(seconds * 1000))) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                return Optional.of(Duration.between(now, at));
            } catch (DateTimeParseException notDate) {
                return Optional.empty();
            }
        }
    }
}
