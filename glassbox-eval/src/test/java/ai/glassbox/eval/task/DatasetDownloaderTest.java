package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Downloads over real HTTP on loopback from a mirror that serves the shared files, one of them tampered. */
class DatasetDownloaderTest {
    private HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private URI mirror;

    @TempDir
    Path cache;

    @BeforeEach
    void serve() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/data/", exchange -> {
            requests.incrementAndGet();
            String name = exchange.getRequestURI().getPath().substring("/data/".length());
            byte[] body;
            int status = 200;
            if (name.equals("piqa_val.jsonl")) {
                body = Files.readAllBytes(Shared.dataset(name));
                body[10] ^= 1; // one flipped bit
            } else if (Files.exists(Shared.root().resolve("datasets").resolve(name))) {
                body = Files.readAllBytes(Shared.dataset(name));
            } else {
                body = "not found".getBytes();
                status = 404;
            }
            exchange.sendResponseHeaders(status, body.length);
            try (var out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        mirror = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/data");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void downloadsAPinnedFileOnceAndServesItFromTheCache() throws IOException {
        var d = new DatasetDownloader(mirror, cache);
        Path p = d.fetch("arc_challenge.jsonl");
        assertArrayEquals(Files.readAllBytes(Shared.dataset("arc_challenge.jsonl")), Files.readAllBytes(p));
        d.fetch("arc_challenge.jsonl");
        assertEquals(1, requests.get());
        assertEquals(1172, TaskData.fromDirectory(cache).docs("arc_challenge.jsonl").size());
    }

    @Test
    void refusesADownloadWhoseDigestIsNotThePinnedOne() throws IOException {
        var e = assertThrows(DatasetException.class, () -> new DatasetDownloader(mirror, cache).fetch("piqa_val.jsonl"));
        assertTrue(e.getMessage().contains("not the pinned"), e.getMessage());
        assertFalse(Files.exists(cache.resolve("piqa_val.jsonl")));
        try (var files = Files.list(cache)) {
            assertEquals(0, files.count(), "no partial download is left behind");
        }
    }

    @Test
    void replacesACorruptCachedFile() throws IOException {
        Files.writeString(cache.resolve("winogrande_dev.jsonl"), "{}\n");
        Path p = new DatasetDownloader(mirror, cache).fetch("winogrande_dev.jsonl");
        assertEquals(TaskData.PINNED.get("winogrande_dev.jsonl"), TaskData.fromDirectory(cache).sha256("winogrande_dev.jsonl"));
        assertTrue(Files.size(p) > 1000);
    }

    @Test
    void namesTheStatusOfAFailedDownloadAndRefusesUnpinnedFiles() {
        var missing = new DatasetDownloader(URI.create(mirror + "/nothing-here"), cache);
        var e = assertThrows(DatasetException.class, () -> missing.fetch("arc_easy.jsonl"));
        assertTrue(e.getMessage().contains("HTTP 404"), e.getMessage());
        var unpinned = assertThrows(DatasetException.class, () -> new DatasetDownloader(mirror, cache).fetch("my_own.jsonl"));
        assertTrue(unpinned.getMessage().contains("no pinned SHA-256"), unpinned.getMessage());
    }

    @Test
    void taskDataRefusesALocalFileThatIsNotThePinnedData() throws IOException {
        Files.writeString(cache.resolve("arc_easy.jsonl"), "{\"id\": \"x\", \"question\": \"q\", \"choices\": [\"a\"], \"answer\": 0}\n");
        var e = assertThrows(DatasetException.class, () -> TaskData.fromDirectory(cache).docs("arc_easy.jsonl"));
        assertTrue(e.getMessage().contains("not the pinned"), e.getMessage());
    }

    @Test
    void malformedLinesAreReportedWithFileAndLine() throws IOException {
        Files.writeString(cache.resolve("custom.jsonl"), "{\"id\": 1}\n{\"id\": 2,\n");
        var e = assertThrows(DatasetException.class, () -> TaskData.fromDirectory(cache).docs("custom.jsonl"));
        assertTrue(e.getMessage().contains("custom.jsonl line 2: malformed JSON"), e.getMessage());
    }
}
