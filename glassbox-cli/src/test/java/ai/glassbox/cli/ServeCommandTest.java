package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code glassbox serve} from the command line: two models, an alias, an API key, a curl-style request. */
class ServeCommandTest {
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)/v1");

    @Test
    void servesTwoModelsByIdBehindAnApiKey() throws Exception {
        var command = new ServeCommand();
        var cl = new CommandLine(command);
        var err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> cl.execute(
                "--model", Shared.model("stories260K.gguf").toString(), "--model", Shared.model("tiny-qwen3-Q8_0.gguf").toString(),
                "--alias", "stories", "--port", "0", "--api-key", "sekrit", "-t", "1", "-c", "256"));
        int port = -1;
        for (int i = 0; i < 600 && port < 0; i++) {
            Matcher m = LISTENING.matcher(err.toString());
            if (m.find()) port = Integer.parseInt(m.group(1));
            else Thread.sleep(50);
        }
        assertTrue(port > 0, "server did not start: " + err);
        try {
            var http = HttpClient.newHttpClient();
            var models = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models"))
                    .header("Authorization", "Bearer sekrit").build(), HttpResponse.BodyHandlers.ofString());
            JsonNode list = new ObjectMapper().readTree(models.body());
            assertEquals("stories", list.path("data").get(0).path("id").asText());
            assertEquals("tiny-qwen3-Q8_0", list.path("data").get(1).path("id").asText());

            String body = "{\"model\":\"tiny-qwen3-Q8_0\",\"messages\":[{\"role\":\"user\",\"content\":\"Hello\"}],\"max_tokens\":5}";
            var chat = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/chat/completions"))
                    .header("Authorization", "Bearer sekrit").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, chat.statusCode(), chat.body());
            assertEquals(5, new ObjectMapper().readTree(chat.body()).path("usage").path("completion_tokens").asInt());

            var noKey = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/models")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, noKey.statusCode());
        } finally {
            command.stop.countDown();
        }
        assertEquals(0, exit.get());
    }
}
