package ai.glassbox.eval.task;

import ai.glassbox.engine.FileDigest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

/**
 * Fetches pinned dataset files from a mirror into a cache directory. A download is verified
 * against {@link TaskData#PINNED} before it is moved into place, so the cache only ever holds the
 * exact bytes the tasks are defined on; a file already cached is verified and kept.
 */
public final class DatasetDownloader {
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final long MAX_BYTES = 1L << 30;
    private final URI mirror;
    private final Path cache;
    private final HttpClient http;

    /**
     * @param mirror base URL under which each file is served by its name (a trailing slash is added)
     * @param cache the directory to fill
     */
    public DatasetDownloader(URI mirror, Path cache) {
        String base = mirror.toString();
        this.mirror = URI.create(base.endsWith("/") ? base : base + "/");
        this.cache = cache;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The default cache: {@code $XDG_CACHE_HOME/glassbox/datasets} or {@code ~/.cache/glassbox/datasets}. */
    public static Path defaultCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("glassbox").resolve("datasets");
    }

    /**
     * Makes sure {@code file} is in the cache with its pinned digest, downloading it if needed.
     *
     * @throws DatasetException if the file is not pinned, cannot be downloaded, or the download has
     *     another digest
     */
    public Path fetch(String file) {
        String pinned = TaskData.PINNED.get(file);
        if (pinned == null) throw new DatasetException("dataset file " + file + " has no pinned SHA-256, so it cannot be downloaded");
        Path target = cache.resolve(file);
        try {
            Files.createDirectories(cache);
            if (Files.isRegularFile(target) && pinned.equals(FileDigest.sha256(target))) return target;
            URI uri = mirror.resolve(file);
            Path tmp = Files.createTempFile(cache, file, ".part");
            try {
                HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
                if (response.statusCode() != 200) {
                    response.body().close();
                    throw new DatasetException("downloading " + uri + ": HTTP " + response.statusCode());
                }
                String digest = copy(response.body(), tmp, uri);
                if (!pinned.equals(digest)) throw new DatasetException("downloaded " + uri + " has SHA-256 " + digest + ", not the pinned " + pinned + "; refusing it");
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return target;
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new DatasetException("cannot download " + file + " from " + mirror + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DatasetException("interrupted while downloading " + file, e);
        }
    }

    private static String copy(InputStream in, Path to, URI from) throws IOException {
        MessageDigest sha = newSha256();
        try (in; OutputStream out = new DigestOutputStream(Files.newOutputStream(to), sha)) {
            byte[] buf = new byte[1 << 16];
            long total = 0;
            for (int n; (n = in.read(buf)) > 0; ) {
                total += n;
                if (total > MAX_BYTES) throw new DatasetException(from + " is larger than " + MAX_BYTES + " bytes; refusing it");
                out.write(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    private static MessageDigest newSha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
