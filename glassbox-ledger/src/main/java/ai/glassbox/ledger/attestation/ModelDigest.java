package ai.glassbox.ledger.attestation;

import ai.glassbox.ledger.Sha256;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The digest that names a model in an attestation. A single file (a GGUF) is named by its SHA-256.
 * A model of several files is named as OpenSSF model signing v1.0 does ("files" serialization):
 * every regular file's SHA-256, ordered by its path relative to the model's folder (with {@code
 * /} separators), and a root digest, the SHA-256 of those digests' bytes concatenated in that
 * order. Symbolic links are refused, and the folders and files the scheme ignores by default
 * ({@code .git}, {@code .github}, {@code .gitattributes}, {@code .gitignore}) are skipped.
 *
 * @param name the model's name: the file's or the folder's name
 * @param sha256 the file's SHA-256, or the root digest of a folder, hex
 * @param resources every file with its SHA-256, in order; one entry for a single file
 */
public record ModelDigest(String name, String sha256, List<Resource> resources) {
    /** The predicate type of OpenSSF model signing v1.0, whose digest scheme this follows. */
    public static final String MODEL_SIGNING_PREDICATE = "https://model_signing/signature/v1.0";

    private static final Set<String> IGNORED = Set.of(".git", ".github", ".gitattributes", ".gitignore");

    public ModelDigest {
        resources = List.copyOf(resources);
    }

    /** One file of a model: its relative path and SHA-256 (hex). */
    public record Resource(String name, String sha256) {}

    /** Whether the model is a folder of files rather than one file. */
    public boolean multiFile() {
        return resources.size() != 1 || !resources.getFirst().name().equals(name) || !resources.getFirst().sha256().equals(sha256);
    }

    /**
     * The digest of the model at {@code path}, a file or a folder.
     *
     * @throws AttestationException if it can't be read, holds a symbolic link, or has no files
     */
    public static ModelDigest of(Path path) {
        String name = path.toAbsolutePath().normalize().getFileName().toString();
        if (Files.isSymbolicLink(path)) throw new AttestationException(path + " is a symbolic link: name the model file itself");
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            String sha = hex(sha256(path));
            return new ModelDigest(name, sha, List.of(new Resource(name, sha)));
        }
        if (!Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) throw new AttestationException(path + " is neither a model file nor a folder of model files");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(path) || ignored(path.relativize(p))) continue;
                if (Files.isSymbolicLink(p)) throw new AttestationException(p + " is a symbolic link: a model's files must be in its folder");
                if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) files.add(p);
            }
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new AttestationException("cannot list " + path + ": " + e.getMessage());
        }
        if (files.isEmpty()) throw new AttestationException(path + " holds no files");
        List<Resource> resources = new ArrayList<>();
        for (Path f : files) resources.add(new Resource(relativeName(path, f), null));
        resources.sort(java.util.Comparator.comparing(Resource::name));
        MessageDigest root = Sha256.digest();
        List<Resource> hashed = new ArrayList<>();
        for (Resource r : resources) {
            byte[] digest = sha256(path.resolve(r.name()));
            root.update(digest);
            hashed.add(new Resource(r.name(), hex(digest)));
        }
        return new ModelDigest(name, hex(root.digest()), hashed);
    }

    private static boolean ignored(Path relative) {
        for (Path part : relative) if (IGNORED.contains(part.toString())) return true;
        return false;
    }

    private static String relativeName(Path root, Path file) {
        List<String> parts = new ArrayList<>();
        root.relativize(file).forEach(p -> parts.add(p.toString()));
        return String.join("/", parts);
    }

    private static byte[] sha256(Path file) {
        try {
            return Sha256.ofFile(file);
        } catch (java.io.UncheckedIOException e) {
            throw new AttestationException(e.getMessage());
        }
    }

    private static String hex(byte[] bytes) {
        return java.util.HexFormat.of().formatHex(bytes);
    }
}
