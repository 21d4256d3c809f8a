package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code glassbox up}: seeds a new ledger once, publishes it under /api, and serves a model under /v1 beside it. */
class UpCommandTest {
    private static final Pattern PUBLISHING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/api ");

    @TempDir
    Path dir;

    @Test
    void seedsOnFirstStartAndServesTheLedgerApiBesideTheOpenAiApi() throws Exception {
        String db = "jdbc:sqlite:" + dir.resolve("ledger.db");
        var http = HttpClient.newHttpClient();
        String first = up(db, port -> {
            var claims = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/claims?limit=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, claims.statusCode(), claims.body());
            assertEquals(630, new ObjectMapper().readTree(claims.body()).path("total").asInt());
            var models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("stories260K", new ObjectMapper().readTree(models.body()).path("data").get(0).path("id").asText(), models.body());
        }, "--model", Shared.model("stories260K.gguf").toString(), "-t", "1", "-c", "256");
        assertTrue(first.contains("seeded " + db + " with 630 claims and "), first);
        assertTrue(first.contains("serving 1 model(s) on http://127.0.0.1:"), first);

        String second = up(db, port -> {
            var claims = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/claims?limit=1")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(630, new ObjectMapper().readTree(claims.body()).path("total").asInt(), "a second start seeds nothing more");
        });
        assertFalse(second.contains("seeded"), second);
    }

    @FunctionalInterface
    interface Check {
        void at(int port) throws Exception;
    }

    /** Runs {@code glassbox up} on a free port until {@code check} is done; returns what it printed. */
    static String up(String db, Check check, String... more) throws Exception {
        var command = new UpCommand();
        var cl = new CommandLine(command);
        var err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        String[] args = new String[4 + more.length];
        args[0] = "--db";
        args[1] = db;
        args[2] = "--port";
        args[3] = "0";
        System.arraycopy(more, 0, args, 4, more.length);
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(args));
        int port = -1;
        for (int i = 0; i < 600 && port < 0 && !exit.isDone(); i++) {
            Matcher m = PUBLISHING.matcher(err.toString());
            if (m.find()) port = Integer.parseInt(m.group(1));
            else Thread.sleep(50);
        }
        assertTrue(port > 0, "server did not start: " + err);
        try {
            check.at(port);
        } finally {
            command.stop.countDown();
        }
        assertEquals(0, exit.get());
        return err.toString();
    }
}
