package ai.glassbox.server;

import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.openai.Api;
import ai.glassbox.server.openai.Models;
import ai.glassbox.server.publish.PublishApi;
import ai.glassbox.server.publish.RunSubmissions;
import ai.glassbox.server.site.Site;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.WebServer;
import java.util.List;
import java.util.function.Consumer;

/**
 * {@code glassbox serve}: GGUF models behind the OpenAI API on a Helidon SE web server, and for
 * {@code glassbox up} the ledger's API under {@code /api} and the dashboard's pages. Owns the
 * models it serves; closing it stops the server and then closes them.
 */
public final class GlassboxServer implements AutoCloseable {
    private final WebServer web;
    private final Models models;

    private GlassboxServer(WebServer web, Models models) {
        this.web = web;
        this.models = models;
    }

    /** Starts serving {@code models}. */
    public static GlassboxServer start(List<ServedModel> served, ServerOptions options) {
        if (served.isEmpty()) throw new IllegalArgumentException("no models to serve");
        return start(served, options, List.of());
    }

    /**
     * Starts serving the ledger's read-only API under {@code /api} beside {@code models} (which may
     * be none). The ledger stays the caller's: close it after this server.
     */
    public static GlassboxServer start(List<ServedModel> served, ServerOptions options, Ledger ledger) {
        return start(served, options, ledger, RunSubmissions.NONE);
    }

    /** As {@link #start(List, ServerOptions, Ledger)}, taking runs signed by the keys {@code submissions} trusts at {@code POST /api/runs}. */
    public static GlassboxServer start(List<ServedModel> served, ServerOptions options, Ledger ledger, RunSubmissions submissions) {
        var publish = new PublishApi(ledger, submissions);
        var site = new Site();
        return start(served, options, List.of(publish::routing, site::routing));
    }

    private static GlassboxServer start(List<ServedModel> served, ServerOptions options, List<Consumer<HttpRouting.Builder>> publish) {
        var models = new Models(served);
        var metrics = new Metrics();
        for (ServedModel m : served) {
            String label = m.id().replaceAll("[^A-Za-z0-9_]", "_");
            metrics.gauge("glassbox_queue_depth_" + label, () -> m.loop().waitingCount());
            metrics.gauge("glassbox_active_sequences_" + label, () -> m.loop().activeCount());
        }
        var api = new Api(models, metrics, options);
        WebServer web = WebServer.builder()
                .host(options.host())
                .port(options.port())
                .maxPayloadSize(options.maxRequestBytes())
                // headers and body go out as separate writes; with Nagle's algorithm the second waits for the client's delayed ACK (~40 ms)
                .connectionOptions(socket -> socket.tcpNoDelay(true))
                .shutdownHook(false)
                .routing(routing -> {
                    // before the OpenAI routes, whose catch-all answers every other path
                    publish.forEach(p -> p.accept(routing));
                    api.routing(routing);
                })
                .build()
                .start();
        return new GlassboxServer(web, models);
    }

    public int port() {
        return web.port();
    }

    public List<ServedModel> models() {
        return models.all();
    }

    @Override
    public void close() {
        web.stop();
        for (ServedModel m : models.all()) m.close();
    }
}
