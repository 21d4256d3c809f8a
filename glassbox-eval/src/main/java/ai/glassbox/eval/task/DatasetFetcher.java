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
 * Fills a cache directory with the pinned normalized dataset files. Every file is made from its
 * canonical upstream files ({@link UpstreamDataset}): each upstream file is downloaded and checked
 * against its pinned size and SHA-256 before it is converted, and the converted file is checked
 * against {@link TaskData#PINNED} before it is moved into place. When a mirror of the normalized
 * files is given ({@link DatasetDownloader}), files are taken from it instead, checked against the
 * same pins. A file already cached with its pinned digest is kept without any request. Not
 * thread-safe for one cache directory.
 */
public final class DatasetFetcher {
    /** GitHub's raw-content host, under which a file is {@code {repo}/{commit}/{path}}. */
    public static final URI GITHUB_RAW = URI.create("https://raw.githubusercontent.com/");

    /** GitHub's host for the content of files kept in Git LFS, also under {@code {repo}/{commit}/{path}}. */
    public static final URI GITHUB_LFS_MEDIA = URI.create("https://media.githubusercontent.com/media/");

    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final Path cache;
    private final URI gitBase;
    private final URI lfsBase;
    private final Optional<URI> mirror;
    private final HttpClient http;

    private DatasetFetcher(Path cache, URI gitBase, URI lfsBase, Optional<URI> mirror) {
        this.cache = cache;
        this.gitBase = gitBase;
        this.lfsBase = lfsBase;
        this.mirror = mirror;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** Fetches into {@code cache} from {@link #GITHUB_RAW} and {@link #GITHUB_LFS_MEDIA}, with no mirror. */
    public static DatasetFetcher into(Path cache) {
        return new DatasetFetcher(cache, GITHUB_RAW, GITHUB_LFS_MEDIA, Optional.empty());
    }

    /**
     * A copy that reads every upstream file under {@code base} instead: a mirror of GitHub's raw
     * host that serves the content of LFS files too, as a mirror of the repositories holds it.
     */
    public DatasetFetcher withUpstream(URI base) {
        return new DatasetFetcher(cache, base, base, mirror);
    }

    /** A copy that takes the normalized files from this mirror of them instead of converting upstream files. */
    public DatasetFetcher withMirror(URI normalizedMirror) {
        return new DatasetFetcher(cache, gitBase, lfsBase, Optional.of(normalizedMirror));
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
     * @throws DatasetException if the file is not pinned, cannot be downloaded, or a download or the
     *     converted file is not the pinned data
     */
    public Path fetch(String file) {
        String pinned = TaskData.PINNED.get(file);
        if (pinned == null) throw new DatasetException("dataset file " + file + " has no pinned SHA-256, so it cannot be downloaded");
        Path target = cache.resolve(file);
        if (cached(file)) return target;
        if (mirror.isPresent()) return new DatasetDownloader(mirror.get(), cache).fetch(file);
        UpstreamDataset upstream = UpstreamDataset.forFile(file)
                .orElseThrow(() -> new DatasetException("dataset file " + file + " is pinned but has no conversion from upstream files"));
        return convert(file, upstream, pinned, target);
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

    /** Where {@code file} is downloaded from. */
    URI source(UpstreamFile file) {
        return file.uri(file.lfs() ? lfsBase : gitBase);
    }

    /** The file's bytes, refused unless they are its pinned size and SHA-256. */
    private byte[] download(UpstreamFile file) {
        URI uri = source(file);
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
