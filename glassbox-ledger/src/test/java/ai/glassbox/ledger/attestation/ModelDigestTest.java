package ai.glassbox.ledger.attestation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Model digests. The expected values were computed separately with Python's hashlib:
 * {@code sha256(b''.join(sha256(f).digest() for f in sorted(paths)))}.
 */
class ModelDigestTest {
    private static final String HELLO = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";
    private static final String WORLD_NL = "e258d248fda94c63753607f7c4494ee0fcbe92f1a76bfdac795c9d84101eb317";

    @TempDir
    Path dir;

    @Test
    void aSingleFileIsNamedByItsSha256() throws Exception {
        Path f = Files.writeString(dir.resolve("m.gguf"), "hello");
        ModelDigest d = ModelDigest.of(f);
        assertEquals(new ModelDigest("m.gguf", HELLO, List.of(new ModelDigest.Resource("m.gguf", HELLO))), d);
        assertFalse(d.multiFile());
    }

    @Test
    void aFolderIsNamedByTheDigestOfItsFilesDigestsInPathOrder() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.writeString(model.resolve("a.gguf"), "hello");
        Files.createDirectories(model.resolve("sub"));
        Files.writeString(model.resolve("sub/b.json"), "world\n");
        Files.writeString(model.resolve(".gitignore"), "x");
        Files.createDirectories(model.resolve(".git"));
        Files.writeString(model.resolve(".git/HEAD"), "ref");
        ModelDigest d = ModelDigest.of(model);
        assertEquals("model", d.name());
        assertEquals(List.of(new ModelDigest.Resource("a.gguf", HELLO), new ModelDigest.Resource("sub/b.json", WORLD_NL)), d.resources());
        assertEquals("dea51b5e273d0ae95d1e73d2831350bf98502b2ce74a81de43f8619e78025b0b", d.sha256());
        assertTrue(d.multiFile());

        Files.writeString(model.resolve("sub/b.json"), "world!\n");
        assertNotEquals("dea51b5e273d0ae95d1e73d2831350bf98502b2ce74a81de43f8619e78025b0b", ModelDigest.of(model).sha256());
    }

    @Test
    void linksEmptyFoldersAndMissingPathsAreRefused() throws Exception {
        Path model = Files.createDirectories(dir.resolve("model"));
        assertEquals(model + " holds no files", assertThrows(AttestationException.class, () -> ModelDigest.of(model)).getMessage());
        Path target = Files.writeString(dir.resolve("t.gguf"), "hello");
        Files.createSymbolicLink(model.resolve("link.gguf"), target);
        assertTrue(assertThrows(AttestationException.class, () -> ModelDigest.of(model)).getMessage().endsWith("is a symbolic link: a model's files must be in its folder"));
        assertEquals(dir.resolve("nope") + " is neither a model file nor a folder of model files",
                assertThrows(AttestationException.class, () -> ModelDigest.of(dir.resolve("nope"))).getMessage());
    }
}
