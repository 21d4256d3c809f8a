package ai.glassbox.eval.task;

import ai.glassbox.engine.FileDigest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Fills a cache directory with the pinned normalized dataset files. A file is made from its
 * canonical upstream files where {@link UpstreamDataset} has a verified conversion: each upstream
 * file is downloaded and checked against its pinned size and SHA-256 before it is converted, and
 * the converted file is checked against {@link TaskData#PINNED} before it is moved into place.
 * Other files come from a mirror of the normalized files ({@link DatasetDownloader}) when one is
 * given. A file already cached with its pinned digest is kept without any request. Not
 * thread-safe for one cache directory.
 */
public final class DatasetFetcher {
    /** GitHub's raw-content host, under which a file is {@code {repo}/{commit}/{path}}. */
    public static final URI GITHUB_RAW = URI.create("https://raw.githubusercontent.com/");

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final Path cache;
    private final URI upstreamBase;
    private final Optional<URI> mirror;
    private final HttpClient http;

    private DatasetFetcher(Path cache, URI upstreamBase, Optional<URI> mirror) {
        this.cache = cache;
        this.upstreamBase = upstreamBase;
        this.mirror = mirror;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Fetches into {@code cache} from {@link #GITHUB_RAW}, with no mirror. */
    public static DatasetFetcher into(Path cache) {
        return new DatasetFetcher(cache, GITHUB_RAW, Optional.empty());
    }

    /** A copy that reads upstream files under {@code base} (a mirror of GitHub's raw host) instead. */
    public DatasetFetcher withUpstream(URI base) {
        return new DatasetFetcher(cache, base, mirror);
    }

    /** A copy that takes the files without an upstream conversion from this mirror of the normalized files. */
    public DatasetFetcher withMirror(URI normalizedMirror) {
        return new DatasetFetcher(cache, upstreamBase, Optional.of(normalizedMirror));
    }

    public Path cache() {
        return cache;
    }

    /** Whether {@code file} is already in the cache with its pinned digest, so {@link #fetch} needs no request. */
    public boolean cached(String file) {
        String pinned = TaskData.PINNED.get(file);
        Path target = cache.resolve(file);
        return pinned != null && Files.isRegularFile(target) && pinned.equals(FileDigest.sha256(target));
    }

    /**
     * Makes sure {@code file} is in the cache with its pinned digest.
     *
     * @return the cached file
     * @throws DatasetException if the file is not pinned, has no upstream conversion and no mirror
     *     was given, cannot be downloaded, or a download or the converted file is not the pinned data
     */
    public Path fetch(String file) {
        String pinned = TaskData.PINNED.get(file);
        if (pinned == null) throw new DatasetException("dataset file " + file + " has no pinned SHA-256, so it cannot be downloaded");
        Path target = cache.resolve(file);
        if (cached(file)) return target;
        Optional<UpstreamDataset> upstream = UpstreamDataset.forFile(file);
        if (upstream.isPresent()) return convert(file, upstream.get(), pinned, target);
        return mirror.map(m -> new DatasetDownloader(m, cache).fetch(file))
                .orElseThrow(() -> new DatasetException("dataset file " + file + " has no verified conversion from a public upstream"
                        + " source, so it must come from a dataset directory (--data DIR) or a mirror of the normalized files (--data-url URL)"));
    }

    private Path convert(String file, UpstreamDataset dataset, String pinned, Path target) {
        List<byte[]> upstream = new ArrayList<>();
        for (UpstreamFile f : dataset.sources()) upstream.add(download(f));
        List<ObjectNode> items = dataset.convert(upstream);
        try {
            Files.createDirectories(cache);
            Path tmp = Files.createTempFile(cache, file, ".part");
            try {
                String digest = write(items, tmp);
                if (!pinned.equals(digest)) {
                    throw new DatasetException("converting " + dataset.sources() + " into " + file + " gave SHA-256 " + digest
                            + ", not the pinned " + pinned + ": the conversion does not reproduce the data the task is defined on");
                }
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DatasetException("cannot write " + file + " into " + cache + ": " + e.getMessage(), e);
        }
    }

    /** One JSON line per item, as Python's {@code json.dumps(item, ensure_ascii=False) + "\n"}; returns the SHA-256. */
    private static String write(List<ObjectNode> items, Path to) throws IOException {
        MessageDigest sha = newSha256();
        try (Writer w = new BufferedWriter(new OutputStreamWriter(new DigestOutputStream(Files.newOutputStream(to), sha), StandardCharsets.UTF_8))) {
            for (ObjectNode item : items) {
                w.write(PythonJson.dumps(item));
                w.write('\n');
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The file's bytes, refused unless they are its pinned size and SHA-256. */
    private byte[] download(UpstreamFile file) {
        URI uri = file.uri(upstreamBase);
        byte[] body;
        try {
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = response.body()) {
                if (response.statusCode() != 200) throw new DatasetException("downloading " + file + " from " + uri + ": HTTP " + response.statusCode());
                // the pinned size is the limit: one byte more already proves it is another file
                body = in.readNBytes(file.bytes() + 1);
            }
        } catch (IOException e) {
            throw new DatasetException("cannot download " + file + " from " + uri + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while downloading " + uri, e);
        }
        if (body.length > file.bytes()) throw new DatasetException("downloaded " + uri + " is larger than the pinned " + file.bytes() + " bytes; refusing it");
        String digest = HexFormat.of().formatHex(newSha256().digest(body));
        if (!file.sha256().equals(digest)) {
            throw new DatasetException("downloaded " + uri + " has SHA-256 " + digest + ", not the pinned " + file.sha256() + "; refusing it");
        }
        return body;
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
