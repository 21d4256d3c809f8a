package ai.glassbox.server;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.function.LongSupplier;

/**
 * The server's counters, gauges and histograms, written in the Prometheus text exposition format
 * (version 0.0.4). Thread-safe.
 */
public final class Metrics {
    /** Latency buckets in seconds, as upper bounds. */
    private static final double[] BUCKETS = {0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120};

    private final Map<String, AtomicLong> requests = new ConcurrentHashMap<>();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong cancelled = new AtomicLong();
    private final Histogram latency = new Histogram();
    private final Histogram firstToken = new Histogram();
    private final Map<String, LongSupplier> gauges = new ConcurrentHashMap<>();

    private static final class Histogram {
        final AtomicLong[] counts = new AtomicLong[BUCKETS.length];
        final AtomicLong count = new AtomicLong();
        final DoubleAdder sum = new DoubleAdder();

        Histogram() {
            for (int i = 0; i < counts.length; i++) counts[i] = new AtomicLong();
        }

        void observe(double seconds) {
            for (int i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]) counts[i].incrementAndGet();
            count.incrementAndGet();
            sum.add(seconds);
        }
    }

    /** Counts a finished request by endpoint and HTTP status, with its latency. */
    public void request(String endpoint, int status, double seconds) {
        requests.computeIfAbsent(endpoint + "\u0000" + status, k -> new AtomicLong()).incrementAndGet();
        latency.observe(seconds);
    }

    public void tokens(int prompt, int completion) {
        promptTokens.addAndGet(prompt);
        completionTokens.addAndGet(completion);
    }

    /** A generation stopped because its client went away or its time ran out. */
    public void cancelled() {
        cancelled.incrementAndGet();
    }

    public void timeToFirstToken(double seconds) {
        firstToken.observe(seconds);
    }

    /** A gauge read when metrics are scraped, such as a queue's depth. */
    public void gauge(String name, LongSupplier value) {
        gauges.put(name, value);
    }

    /** Everything, in the Prometheus text format. */
    public String scrape() {
        var out = new StringBuilder();
        out.append("# HELP glassbox_requests_total HTTP requests answered, by endpoint and status.\n# TYPE glassbox_requests_total counter\n");
        new TreeMap<>(requests).forEach((k, v) -> {
            String[] parts = k.split("\u0000");
            out.append("glassbox_requests_total{endpoint=\"").append(escape(parts[0])).append("\",status=\"").append(parts[1]).append("\"} ").append(v.get()).append('\n');
        });
        out.append("# HELP glassbox_prompt_tokens_total Prompt tokens processed.\n# TYPE glassbox_prompt_tokens_total counter\n");
        out.append("glassbox_prompt_tokens_total ").append(promptTokens.get()).append('\n');
        out.append("# HELP glassbox_completion_tokens_total Tokens generated.\n# TYPE glassbox_completion_tokens_total counter\n");
        out.append("glassbox_completion_tokens_total ").append(completionTokens.get()).append('\n');
        out.append("# HELP glassbox_cancelled_generations_total Generations stopped because the client left or the request timed out.\n# TYPE glassbox_cancelled_generations_total counter\n");
        out.append("glassbox_cancelled_generations_total ").append(cancelled.get()).append('\n');
        new TreeMap<>(gauges).forEach((name, value) -> {
            out.append("# TYPE ").append(name).append(" gauge\n").append(name).append(' ').append(value.getAsLong()).append('\n');
        });
        histogram(out, "glassbox_request_duration_seconds", "Time from request to full response.", latency);
        histogram(out, "glassbox_time_to_first_token_seconds", "Time from request to the first generated token.", firstToken);
        return out.toString();
    }

    private static void histogram(StringBuilder out, String name, String help, Histogram h) {
        out.append("# HELP ").append(name).append(' ').append(help).append("\n# TYPE ").append(name).append(" histogram\n");
        for (int i = 0; i < BUCKETS.length; i++) {
            out.append(name).append("_bucket{le=\"").append(BUCKETS[i]).append("\"} ").append(h.counts[i].get()).append('\n');
        }
        out.append(name).append("_bucket{le=\"+Inf\"} ").append(h.count.get()).append('\n');
        out.append(name).append("_sum ").append(h.sum.sum()).append('\n');
        out.append(name).append("_count ").append(h.count.get()).append('\n');
    }

    private static String escape(String label) {
        return label.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
