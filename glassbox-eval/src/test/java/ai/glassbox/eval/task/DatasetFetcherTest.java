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
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Converts the real upstream files, served over HTTP on loopback under {@code /{repo}/{commit}/{path}}
 * as GitHub's raw host serves them, into the shared normalized files byte for byte.
 */
class DatasetFetcherTest {
    private static Map<UpstreamFile, byte[]> originals;

    /** What the server serves, by path; a test may replace an entry. */
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private HttpServer server;
    private URI base;

    @TempDir
    Path cache;

    @BeforeAll
    static void rebuildOriginals() throws IOException {
        originals = UpstreamOriginals.all();
    }

    @BeforeEach
    void serve() throws IOException {
        originals.forEach((f, bytes) -> served.put("/" + f.repo() + "/" + f.commit() + "/" + f.path(), bytes));
        for (String name : new String[] {"arc_challenge.jsonl"}) served.put("/mirror/" + name, Files.readAllBytes(Shared.dataset(name)));
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath());
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                if (body != null) out.write(body);
            }
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rebuiltOriginalsAreTheRealUpstreamFiles() {
        // 6 files for gsm8k, piqa, truthfulqa and hellaswag; 2 for arc, 1 for winogrande, 57 × 2 for mmlu
        assertEquals(123, originals.size());
        originals.forEach((f, bytes) -> {
            assertEquals(f.bytes(), bytes.length, f::toString);
            assertEquals(f.sha256(), sha256(bytes), f::toString);
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"gsm8k_test.jsonl", "gsm8k_train.jsonl", "piqa_val.jsonl", "truthfulqa_mc.jsonl", "hellaswag_val.jsonl",
        "arc_challenge.jsonl", "arc_easy.jsonl", "mmlu_test.jsonl", "mmlu_dev.jsonl", "winogrande_dev.jsonl"})
    void convertsTheUpstreamFilesIntoThePinnedNormalizedFile(String file) throws IOException {
        Path p = DatasetFetcher.into(cache).withUpstream(base).fetch(file);
        assertArrayEquals(Files.readAllBytes(Shared.dataset(file)), Files.readAllBytes(p), file);
        assertEquals(TaskData.PINNED.get(file), TaskData.fromDirectory(cache).sha256(file));
        assertEquals(UpstreamDataset.forFile(file).orElseThrow().sources().size(), requests.get());
        assertOnly(file);
    }

    @Test
    void refusesATamperedUpstreamFileNamingTheUrlAndBothDigests() throws IOException {
        var f = UpstreamSources.GSM8K_TEST;
        byte[] tampered = originals.get(f).clone();
        tampered[1000] ^= 1;
        served.put("/" + f.repo() + "/" + f.commit() + "/" + f.path(), tampered);
        var e = assertThrows(DatasetException.class, () -> DatasetFetcher.into(cache).withUpstream(base).fetch("gsm8k_test.jsonl"));
        String m = e.getMessage();
        assertTrue(m.contains(f.uri(base).toString()), m);
        assertTrue(m.contains(sha256(tampered)) && m.contains(f.sha256()), m);
        assertOnly();
    }

    @Test
    void refusesAnUpstreamFileLargerThanItsPinnedSize() throws IOException {
        var f = UpstreamSources.PIQA_VALID_LABELS;
        byte[] longer = java.util.Arrays.copyOf(originals.get(f), f.bytes() + 2);
        served.put("/" + f.repo() + "/" + f.commit() + "/" + f.path(), longer);
        var e = assertThrows(DatasetException.class, () -> DatasetFetcher.into(cache).withUpstream(base).fetch("piqa_val.jsonl"));
        assertTrue(e.getMessage().contains("larger than the pinned 3676 bytes"), e.getMessage());
        assertOnly();
    }

    @Test
    void namesTheUrlAndStatusOfAMissingUpstreamFile() throws IOException {
        var f = UpstreamSources.TRUTHFULQA_MC;
        served.remove("/" + f.repo() + "/" + f.commit() + "/" + f.path());
        var e = assertThrows(DatasetException.class, () -> DatasetFetcher.into(cache).withUpstream(base).fetch("truthfulqa_mc.jsonl"));
        assertTrue(e.getMessage().contains(f.uri(base) + ": HTTP 404"), e.getMessage());
        assertOnly();
    }

    @Test
    void keepsAValidCachedFileWithoutARequest() throws IOException {
        Files.copy(Shared.dataset("piqa_val.jsonl"), cache.resolve("piqa_val.jsonl"));
        DatasetFetcher.into(cache).withUpstream(base).fetch("piqa_val.jsonl");
        assertEquals(0, requests.get());
    }

    @Test
    void replacesACorruptCachedFileFromUpstream() throws IOException {
        Files.writeString(cache.resolve("gsm8k_test.jsonl"), "{}\n");
        Path p = DatasetFetcher.into(cache).withUpstream(base).fetch("gsm8k_test.jsonl");
        assertArrayEquals(Files.readAllBytes(Shared.dataset("gsm8k_test.jsonl")), Files.readAllBytes(p));
    }

    @Test
    void everyPinnedFileHasAnUpstreamConversion() {
        for (String file : TaskData.PINNED.keySet()) assertTrue(UpstreamDataset.forFile(file).isPresent(), file);
    }

    @Test
    void aMirrorOfTheNormalizedFilesIsTakenInsteadOfTheUpstreamFiles() throws IOException {
        Path p = DatasetFetcher.into(cache).withUpstream(base).withMirror(base.resolve("mirror")).fetch("arc_challenge.jsonl");
        assertArrayEquals(Files.readAllBytes(Shared.dataset("arc_challenge.jsonl")), Files.readAllBytes(p));
        assertEquals(1, requests.get());
        assertOnly("arc_challenge.jsonl");
    }

    @Test
    void refusesAMirroredFileThatIsNotThePinnedData() throws IOException {
        served.put("/mirror/arc_challenge.jsonl", Files.readAllBytes(Shared.dataset("arc_easy.jsonl")));
        var e = assertThrows(DatasetException.class, () -> DatasetFetcher.into(cache).withMirror(base.resolve("mirror")).fetch("arc_challenge.jsonl"));
        assertTrue(e.getMessage().contains("arc_challenge.jsonl"), e.getMessage());
        assertOnly();
    }

    @Test
    void filesKeptInGitLfsComeFromGitHubsMediaHost() {
        var fetcher = DatasetFetcher.into(cache);
        assertEquals("https://media.githubusercontent.com/media/genggui001/opencompass/3290907a83a6f8f61ed0733eb4361c76dd46eb97/data/winogrande/dev.jsonl",
                fetcher.source(UpstreamSources.WINOGRANDE_DEV).toString());
        assertEquals(UpstreamSources.ARC_CHALLENGE_TEST.uri(DatasetFetcher.GITHUB_RAW), fetcher.source(UpstreamSources.ARC_CHALLENGE_TEST));
        // a mirror serves both kinds under one base
        assertEquals(UpstreamSources.WINOGRANDE_DEV.uri(base), fetcher.withUpstream(base).source(UpstreamSources.WINOGRANDE_DEV));
    }

    @Test
    void upstreamUrlsAreRepoCommitAndPathUnderTheBase() {
        var f = UpstreamSources.HELLASWAG_VAL;
        assertEquals("https://raw.githubusercontent.com/klosax/hellaswag_text_data/1105d370f8340eac3c63a91fd1fa58e8999f9505/hellaswag_val_full.txt.bz2",
                f.uri(DatasetFetcher.GITHUB_RAW).toString());
        assertEquals(f.uri(DatasetFetcher.GITHUB_RAW), f.uri(URI.create("https://raw.githubusercontent.com")));
    }

    /** The cache holds exactly these files: nothing partial is left behind. */
    private void assertOnly(String... files) throws IOException {
        try (var list = Files.list(cache)) {
            assertEquals(java.util.Set.of(files), list.map(p -> p.getFileName().toString()).collect(java.util.stream.Collectors.toSet()));
        }
        for (String f : files) assertFalse(Files.isDirectory(cache.resolve(f)));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
