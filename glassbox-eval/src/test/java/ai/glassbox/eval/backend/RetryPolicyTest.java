package ai.glassbox.eval.backend;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(5));

    @Test
    void waitDoublesFromTheInitialBackoffUpToTheMaximum() {
        List<Duration> waits = List.of(1, 2, 3, 4, 5).stream().map(r -> POLICY.delay(r, Optional.empty(), 0)).toList();
        // jitter 0 gives the lower end, half of the exponential wait
        assertEquals(List.of(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofMillis(2500), Duration.ofMillis(2500)), waits);
    }

    @Test
    void jitterScalesTheWaitIntoItsUpperHalf() {
        assertEquals(Duration.ofMillis(1500), POLICY.delay(2, Optional.empty(), 0.5));
        Duration almostFull = POLICY.delay(2, Optional.empty(), Math.nextDown(1.0));
        assertTrue(almostFull.compareTo(Duration.ofSeconds(2)) <= 0 && almostFull.compareTo(Duration.ofMillis(1999)) > 0, almostFull::toString);
        assertThrows(IllegalArgumentException.class, () -> POLICY.delay(1, Optional.empty(), 1.0));
    }

    @Test
    void retryAfterIsHonouredAsGivenUpToTenMinutes() {
        assertEquals(Duration.ofSeconds(42), POLICY.delay(1, Optional.of(Duration.ofSeconds(42)), 0.3));
        assertEquals(RetryPolicy.MAX_RETRY_AFTER, POLICY.delay(1, Optional.of(Duration.ofHours(3)), 0.3));
        assertEquals(Duration.ZERO, POLICY.delay(1, Optional.of(Duration.ofSeconds(-5)), 0.3));
    }

    @Test
    void retryAfterIsReadAsSecondsOrAsAnHttpDate() {
        Instant now = Instant.parse("2025-01-02T03:04:05Z");
        String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(now.plusSeconds(30).atOffset(ZoneOffset.UTC));
        assertEquals(Optional.of(Duration.ofSeconds(3)), RetryPolicy.parseRetryAfter("3", now));
        assertEquals(Optional.of(Duration.ofMillis(1500)), RetryPolicy.parseRetryAfter(" 1.5 ", now));
        assertEquals(Optional.of(Duration.ofSeconds(30)), RetryPolicy.parseRetryAfter(date, now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("soon", now));
        assertEquals(Optional.empty(), RetryPolicy.parseRetryAfter("NaN", now));
    }

    @Test
    void invalidPoliciesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(-1, Duration.ZERO, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> POLICY.delay(0, Optional.empty(), 0));
    }
}
