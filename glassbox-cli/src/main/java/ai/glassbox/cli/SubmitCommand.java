package ai.glassbox.cli;

import ai.glassbox.ledger.attestation.RunAttestation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox submit}: sends signed runs to a {@code glassbox up} elsewhere, which verifies
 * each against the keys it trusts before appending it to its log.
 */
@Command(name = "submit", mixinStandardHelpOptions = true,
        description = "Submit signed runs (a run directory's attestation.dsse.json and samples_*.jsonl) to a ledger published by glassbox up --trust; "
                + "the server verifies the signature and every sample file's digest before it appends the run, and refuses a bad one with the reason.")
final class SubmitCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "signed run directories")
    List<Path> runs;

    @Option(names = "--to", required = true, paramLabel = "URL", description = "the server, e.g. http://127.0.0.1:8080")
    URI server;

    @Option(names = "--timeout", paramLabel = "S", description = "seconds to wait for each answer (default: ${DEFAULT-VALUE})", defaultValue = "300")
    int timeoutSeconds;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30)).build();
        URI endpoint = server.resolve("/api/runs");
        int failed = 0;
        for (Path run : runs) {
            HttpRequest request = HttpRequest.newBuilder(endpoint)
                    .timeout(Duration.ofSeconds(timeoutSeconds))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body(run)))
                    .build();
            HttpResponse<String> res = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode answer = parse(res.body());
            if (res.statusCode() == 201) {
                out.printf("submitted %s: index %d (tree size %d)%n", run, answer.path("log_index").asLong(), answer.path("tree_size").asLong());
            } else {
                failed++;
                err.printf("refused %s: %d %s%n", run, res.statusCode(), answer.path("error").path("message").asText(res.body()));
            }
        }
        out.flush();
        return failed == 0 ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
    }

    /** {@code {"envelope": base64, "samples": {"samples_TASK.jsonl": base64, …}}} of a run directory. */
    static byte[] body(Path run) throws IOException {
        Path envelope = run.resolve(RunAttestation.FILE);
        if (!Files.isRegularFile(envelope)) throw new IOException(run + " holds no " + RunAttestation.FILE + ": sign it with glassbox attest first");
        ObjectNode o = JSON.createObjectNode();
        o.put("envelope", Base64.getEncoder().encodeToString(Files.readAllBytes(envelope)));
        ObjectNode samples = o.putObject("samples");
        try (DirectoryStream<Path> files = Files.newDirectoryStream(run, "samples_*.jsonl")) {
            for (Path f : files) samples.put(f.getFileName().toString(), Base64.getEncoder().encodeToString(Files.readAllBytes(f)));
        }
        return JSON.writeValueAsBytes(o);
    }

    private static JsonNode parse(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
