package ai.glassbox.ledger.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.SignedCheckpoint;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.testkit.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a process with SIGKILL in the middle of its appends, several times over one ledger, and
 * checks that every append it acknowledged is in the log at the index it was given, and that the
 * log still audits: every checkpoint verifies against the entries.
 */
class KillDuringAppendsTest {
    private static final String ORIGIN = "glassbox.test/kill";

    @TempDir
    Path dir;

    @Test
    void sqlite() throws Exception {
        killRepeatedly("jdbc:sqlite:" + dir.resolve("ledger.db"));
    }

    @Test
    void postgresql() throws Exception {
        killRepeatedly(PostgresServer.get().newDatabase());
    }

    private void killRepeatedly(String url) throws Exception {
        SigningKey key = SigningKey.generate();
        Path keyFile = dir.resolve("log.key");
        key.save(keyFile);
        Map<Long, String> acknowledged = new LinkedHashMap<>();
        // Different kill points: right after start, after a few, after many appends.
        for (int acks : new int[] {1, 7, 30}) {
            Path out = dir.resolve("appender-" + acks + ".out");
            Process child = new ProcessBuilder(javaCommand(url, keyFile, "run" + acks))
                    .redirectError(ProcessBuilder.Redirect.INHERIT).redirectOutput(out.toFile()).start();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (acks(out).size() < acks) {
                if (!child.isAlive()) throw new AssertionError("the appender exited early with " + child.exitValue() + ": " + Files.readString(out));
                if (System.nanoTime() > deadline) throw new AssertionError("the appender made fewer than " + acks + " appends in 120 s");
                Thread.sleep(5);
            }
            child.destroyForcibly(); // SIGKILL, very likely mid-transaction
            assertTrue(child.waitFor(30, TimeUnit.SECONDS));
            // Acks written before the kill landed count too; a torn last line does not.
            acknowledged.putAll(acks(out));
            TransparencyLog log = new TransparencyLog(Database.open(url));
            TransparencyLog.Audit audit = log.audit();
            assertTrue(audit.entries() >= acknowledged.size(), audit + " vs " + acknowledged.size() + " acknowledged");
            for (var e : acknowledged.entrySet()) {
                assertEquals(e.getValue(), new String(log.entry(e.getKey()).bytes(), StandardCharsets.UTF_8), "acknowledged entry " + e.getKey());
            }
            SignedCheckpoint latest = SignedCheckpoint.open(log.latestCheckpoint().orElseThrow(), new NoteSigner(ORIGIN, key).verifier());
            assertEquals(audit.entries(), latest.checkpoint().size());
        }
    }

    private static Map<Long, String> acks(Path out) throws java.io.IOException {
        Map<Long, String> acks = new LinkedHashMap<>();
        String text = Files.readString(out);
        for (String line : text.substring(0, text.lastIndexOf('\n') + 1).split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 3 && parts[0].equals("ACK")) acks.put(Long.parseLong(parts[1]), parts[2]);
        }
        return acks;
    }

    private static List<String> javaCommand(String url, Path keyFile, String prefix) {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return List.of(java, "-cp", System.getProperty("java.class.path"), AppendUntilKilled.class.getName(), url, keyFile.toString(), ORIGIN, prefix);
    }
}
