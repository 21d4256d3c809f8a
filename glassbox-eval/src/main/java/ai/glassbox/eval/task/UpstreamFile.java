package ai.glassbox.eval.task;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * One file of a dataset's canonical public source, pinned to a commit of its GitHub repository,
 * its size and its SHA-256.
 *
 * @param repo {@code owner/name}
 * @param commit the full commit id
 * @param path the file's path inside the repository
 * @param bytes the file's size
 * @param sha256 the file's SHA-256, lowercase hex
 * @param lfs whether the repository keeps the file in Git LFS, so GitHub's raw host serves only a
 *     pointer to it and its content comes from the LFS media host
 */
public record UpstreamFile(String repo, String commit, String path, int bytes, String sha256, boolean lfs) {
    private static final Pattern REPO = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
    private static final Pattern COMMIT = Pattern.compile("[0-9a-f]{40}");
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    public UpstreamFile {
        if (!REPO.matcher(repo).matches()) throw new IllegalArgumentException("not an owner/name repository: " + repo);
        if (!COMMIT.matcher(commit).matches()) throw new IllegalArgumentException(repo + ": not a full commit id: " + commit);
        if (path.isEmpty() || path.startsWith("/")) throw new IllegalArgumentException(repo + ": not a relative path: " + path);
        if (bytes <= 0) throw new IllegalArgumentException(repo + ":" + path + ": size must be positive, not " + bytes);
        if (!SHA256.matcher(sha256).matches()) throw new IllegalArgumentException(repo + ":" + path + ": not a SHA-256: " + sha256);
    }

    /** A file kept in Git itself. */
    public UpstreamFile(String repo, String commit, String path, int bytes, String sha256) {
        this(repo, commit, path, bytes, sha256, false);
    }

    /** Where the file is served under a raw-content base such as {@code https://raw.githubusercontent.com/}. */
    public URI uri(URI base) {
        String b = base.toString();
        return URI.create((b.endsWith("/") ? b : b + "/") + repo + "/" + commit + "/" + path);
    }

    @Override
    public String toString() {
        return repo + "@" + commit + ":" + path;
    }
}
