package ai.glassbox.server.openai;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Server-sent events as OpenAI streams them: {@code data: {json}} blocks, then {@code data: [DONE]}. */
final class Sse implements AutoCloseable {
    /** The client went away; the generation should stop. */
    static final class ClientGone extends RuntimeException {
        ClientGone(Throwable cause) {
            super("the client closed the connection", cause);
        }
    }

    private final OutputStream out;

    Sse(ServerResponse res) {
        res.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        res.header(HeaderNames.CACHE_CONTROL, "no-cache");
        this.out = res.outputStream();
    }

    void send(JsonNode event) {
        write(("data: " + Json.MAPPER.valueToTree(event).toString() + "\n\n").getBytes(StandardCharsets.UTF_8));
    }

    void done() {
        write("data: [DONE]\n\n".getBytes(StandardCharsets.US_ASCII));
    }

    private void write(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
        } catch (IOException | RuntimeException e) {
            // Helidon reports a closed connection as its own unchecked exception
            throw new ClientGone(e);
        }
    }

    @Override
    public void close() {
        try {
            out.close();
        } catch (IOException | RuntimeException ignored) {
            // the client is gone; nothing is left to tell it
        }
    }
}
