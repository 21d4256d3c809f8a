package ai.glassbox.server.site;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * The dashboard's pages: the leaderboard at {@code /}, {@code /gap}, {@code /runs},
 * {@code /runs/{index}}, {@code /models/{name}} and {@code /log}, with their scripts and styles
 * under {@code /assets/} and uPlot from its WebJar under {@code /assets/uplot/}. Every file is read
 * once at start; the pages fetch their data from {@code /api}. A content security policy keeps the
 * pages to this origin, so nothing is ever fetched from a CDN.
 */
public final class Site {
    private static final String BASE = "/ai/glassbox/server/site/";
    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";
    private static final String POLICY = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    /** A page's path and the HTML file that renders it. */
    private record Page(String path, String file) {}

    private static final List<Page> PAGES = List.of(
            new Page("/", "index.html"), new Page("/gap", "gap.html"), new Page("/runs", "runs.html"),
            new Page("/runs/{index}", "run.html"), new Page("/models/{name}", "model.html"), new Page("/log", "log.html"));

    private static final List<String> ASSETS = List.of("site.css", "common.js", "leaderboard.js", "gap.js", "runs.js", "run.js", "model.js", "log.js", "merkle.js");

    /** A file to serve: its bytes and content type. */
    private record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Asset> pages = new HashMap<>();
    private final Map<String, Asset> assets = new HashMap<>();

    public Site() {
        for (Page p : PAGES) pages.put(p.path(), new Asset(read(BASE + p.file()), "text/html; charset=utf-8"));
        for (String a : ASSETS) assets.put(a, new Asset(read(BASE + "assets/" + a), contentType(a)));
        String uplot = "/META-INF/resources/webjars/uplot/" + uplotVersion() + "/dist/";
        assets.put("uplot/uPlot.iife.min.js", new Asset(read(uplot + "uPlot.iife.min.js"), contentType(".js")));
        assets.put("uplot/uPlot.min.css", new Asset(read(uplot + "uPlot.min.css"), contentType(".css")));
        assets.put("uplot/LICENSE", new Asset(read("/META-INF/resources/webjars/uplot/" + uplotVersion() + "/LICENSE"), "text/plain; charset=utf-8"));
    }

    /** Registers the pages and assets; call before any catch-all route. */
    public void routing(HttpRouting.Builder routing) {
        for (Page p : PAGES) {
            Asset page = pages.get(p.path());
            routing.get(p.path(), (req, res) -> send(res, page));
        }
        routing.get("/assets/uplot/{file}", (req, res) -> asset(res, "uplot/" + req.path().pathParameters().get("file")));
        routing.get("/assets/{file}", (req, res) -> asset(res, req.path().pathParameters().get("file")));
    }

    private void asset(ServerResponse res, String name) {
        Asset a = assets.get(name);
        if (a == null) {
            res.status(Status.NOT_FOUND_404);
            res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.send(("no asset " + name + "\n").getBytes(StandardCharsets.UTF_8));
            return;
        }
        send(res, a);
    }

    private static void send(ServerResponse res, Asset a) {
        res.header(HeaderNames.CONTENT_TYPE, a.contentType());
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        res.header(HeaderNames.create("Content-Security-Policy"), POLICY);
        res.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
        res.send(a.bytes());
    }

    private static String contentType(String name) {
        if (name.endsWith(".js")) return "text/javascript; charset=utf-8";
        if (name.endsWith(".css")) return "text/css; charset=utf-8";
        throw new IllegalArgumentException("no content type for " + name);
    }

    private static String uplotVersion() {
        Properties p = new Properties();
        try (InputStream in = Site.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) throw new IllegalStateException("the uPlot WebJar is not on the class path (" + UPLOT_POM + ")");
            p.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.getProperty("version");
    }

    private static byte[] read(String resource) {
        try (InputStream in = Site.class.getResourceAsStream(resource)) {
            if (in == null) throw new IllegalStateException("site resource " + resource + " is missing");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
