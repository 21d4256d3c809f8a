package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The flow eval → attest → verify on the command line, and verify catching an edited score. */
class AttestCommandTest {
    @TempDir
    Path tmp;

    @BeforeEach
    void home() {
        System.setProperty("glassbox.home", tmp.resolve("home").toString());
    }

    @AfterEach
    void clear() {
        System.clearProperty("glassbox.home");
    }

    @Test
    void anEvaluationIsSignedAndVerifiedAndAnEditIsCaught() throws Exception {
        var init = CliTest.run("keys", "init");
        assertEquals(0, init.exitCode(), init.err());
        assertTrue(Files.exists(tmp.resolve("home/keys/signing.key")));
        assertEquals(3, CliTest.run("keys", "init").exitCode(), "a key is never overwritten");
        var show = CliTest.run("keys", "show");
        assertTrue(show.out().contains("BEGIN PUBLIC KEY"), show.out());

        Path run = tmp.resolve("run");
        var eval = CliTest.run("eval", "--model", Shared.model("stories260K.gguf").toString(), "--tasks", "arc_easy", "--limit", "3",
                "--out", run.toString(), "--no-progress", "-t", "1", "--data", Shared.root().resolve("datasets").toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.err().contains("attested: "), eval.err());

        var ok = CliTest.run("verify", run.toString());
        assertEquals(0, ok.exitCode(), ok.out() + ok.err());
        assertTrue(ok.out().startsWith("OK: signed by "), ok.out());

        // someone else's key is not trusted for this run
        Path other = tmp.resolve("other.key");
        assertEquals(0, CliTest.run("keys", "init", "--key", other.toString()).exitCode());
        var untrusted = CliTest.run("verify", run.toString(), "--trust", other + ".pub");
        assertEquals(5, untrusted.exitCode());
        assertTrue(untrusted.out().contains("not trusted"), untrusted.out());

        Path results = run.resolve("results.json");
        Files.writeString(results, Files.readString(results).replaceFirst("\"acc,none\" : [0-9.]+", "\"acc,none\" : 0.99"));
        var edited = CliTest.run("verify", run.toString());
        assertEquals(5, edited.exitCode(), edited.out());
        assertTrue(edited.out().contains("results.json has changed"), edited.out());
    }
}
