package ai.glassbox.server;

import java.time.Duration;
import java.util.List;

/**
 * How the server listens and what it accepts.
 *
 * @param host the address to bind; 127.0.0.1 unless the operator decides otherwise
 * @param port the port; 0 picks a free one
 * @param apiKeys keys a client must send as {@code Authorization: Bearer KEY}; none means open
 * @param requestTimeout the longest a request may run before it is cancelled
 * @param maxRequestBytes the largest request body accepted
 */
public record ServerOptions(String host, int port, List<String> apiKeys, Duration requestTimeout, long maxRequestBytes) {
    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final int DEFAULT_PORT = 8080;

    public ServerOptions {
        if (host.isBlank()) throw new IllegalArgumentException("host must not be blank");
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be in [0, 65535], is " + port);
        apiKeys = List.copyOf(apiKeys);
        for (String k : apiKeys) if (k.isBlank()) throw new IllegalArgumentException("an API key must not be blank");
        if (requestTimeout.isNegative() || requestTimeout.isZero()) throw new IllegalArgumentException("request timeout must be positive");
        if (maxRequestBytes < 1) throw new IllegalArgumentException("request size limit must be positive");
    }

    /** Loopback on {@code port}, no keys, 10 minutes per request, 8 MiB bodies. */
    public static ServerOptions loopback(int port) {
        return new ServerOptions(DEFAULT_HOST, port, List.of(), Duration.ofMinutes(10), 8L << 20);
    }

    public ServerOptions withApiKeys(List<String> keys) {
        return new ServerOptions(host, port, keys, requestTimeout, maxRequestBytes);
    }

    public ServerOptions withHost(String h) {
        return new ServerOptions(h, port, apiKeys, requestTimeout, maxRequestBytes);
    }

    public ServerOptions withRequestTimeout(Duration t) {
        return new ServerOptions(host, port, apiKeys, t, maxRequestBytes);
    }

    public ServerOptions withMaxRequestBytes(long n) {
        return new ServerOptions(host, port, apiKeys, requestTimeout, n);
    }
}
