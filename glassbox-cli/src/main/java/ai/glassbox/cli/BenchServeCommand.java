package ai.glassbox.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox bench-serve}: load on any OpenAI-compatible server — aggregate generation
 * tokens/s at several numbers of concurrent streams, as a ratio to one stream, and time to first
 * token percentiles.
 */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
        description = "Measure an OpenAI-compatible server: aggregate tokens/s at 1..N concurrent streams and time to first token.")
final class BenchServeCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Parameters(paramLabel = "URL", description = "base URL, e.g. http://127.0.0.1:8080/v1")
    URI base;

    @Option(names = "--model-name", required = true, description = "the model id to request")
    String model;

    @Option(names = "--streams", split = ",", description = "concurrent streams to measure (default: ${DEFAULT-VALUE})", defaultValue = "1,4,8")
    List<Integer> streams;

    @Option(names = {"-n", "--tokens"}, description = "tokens generated per request (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int tokens;

    @Option(names = {"-r", "--requests"}, description = "requests per stream at each level (default: ${DEFAULT-VALUE})", defaultValue = "3")
    int requests;

    @Option(names = "--prompt", description = "the prompt, or the user message with --api chat (default: ${DEFAULT-VALUE})", defaultValue = "Once upon a time")
    String prompt;

    @Option(names = "--api", description = "completions (the prompt as is) or chat (the prompt inside the model's chat template) (default: ${DEFAULT-VALUE})", defaultValue = "completions")
    String api;

    @Spec
    CommandSpec spec;

    private record Sample(double ttftSeconds, int completionTokens) {}

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (!api.equals("chat") && !api.equals("completions")) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--api must be completions or chat, not " + api);
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        String key = System.getenv("OPENAI_API_KEY");
        one(http, key, 0); // warm-up: JIT and first-touch of the weights
        out.printf("| streams | requests | tokens | wall s | aggregate t/s | ratio to 1 | TTFT p50 ms | TTFT p99 ms |%n|---|---|---|---|---|---|---|---|%n");
        double single = 0;
        for (int s : streams) {
            List<Sample> samples = Collections.synchronizedList(new ArrayList<>());
            long t0 = System.nanoTime();
            try (var pool = Executors.newFixedThreadPool(s)) {
                List<Future<?>> fs = new ArrayList<>();
                for (int i = 0; i < s; i++) {
                    int stream = i;
                    fs.add(pool.submit(() -> {
                        for (int r = 0; r < requests; r++) samples.add(one(http, key, stream * 1000 + r + 1));
                        return null;
                    }));
                }
                for (Future<?> f : fs) f.get();
            }
            double wall = (System.nanoTime() - t0) / 1e9;
            long generated = samples.stream().mapToLong(Sample::completionTokens).sum();
            double rate = generated / wall;
            if (single == 0) single = rate;
            double[] ttft = samples.stream().mapToDouble(Sample::ttftSeconds).sorted().toArray();
            out.printf("| %d | %d | %d | %.2f | %.1f | %.2f | %.0f | %.0f |%n", s, samples.size(), generated, wall, rate, rate / single,
                    1000 * BenchStats.percentile(ttft, 0.50), 1000 * BenchStats.percentile(ttft, 0.99));
            out.flush();
        }
        return ExitCodes.OK;
    }

    /** One streamed chat request; seeds differ so streams don't share text. */
    private Sample one(HttpClient http, String key, long seed) throws Exception {
        var body = JSON.createObjectNode().put("model", model).put("stream", true).put("max_tokens", tokens).put("temperature", 0.8).put("seed", seed);
        body.putObject("stream_options").put("include_usage", true);
        boolean chat = api.equals("chat");
        if (chat) body.putArray("messages").addObject().put("role", "user").put("content", prompt);
        else body.put("prompt", prompt);
        var req = HttpRequest.newBuilder(URI.create(base.toString().replaceAll("/$", "") + (chat ? "/chat/completions" : "/completions")))
                .header("Content-Type", "application/json").timeout(Duration.ofMinutes(10))
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()));
        if (key != null && !key.isBlank()) req.header("Authorization", "Bearer " + key);
        long t0 = System.nanoTime();
        HttpResponse<InputStream> res = http.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
        if (res.statusCode() != 200) throw new IllegalStateException(base + ": HTTP " + res.statusCode() + ": " + new String(res.body().readAllBytes(), StandardCharsets.UTF_8));
        double ttft = -1;
        int completion = 0;
        try (var in = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
            for (String line; (line = in.readLine()) != null; ) {
                if (!line.startsWith("data: ") || line.equals("data: [DONE]")) continue;
                JsonNode chunk = JSON.readTree(line.substring(6));
                if (ttft < 0) {
                    for (JsonNode c : chunk.path("choices")) {
                        JsonNode d = c.path("delta");
                        if (!d.path("content").asText("").isEmpty() || !d.path("reasoning_content").asText("").isEmpty()
                                || !c.path("text").asText("").isEmpty()) ttft = (System.nanoTime() - t0) / 1e9;
                    }
                }
                if (chunk.hasNonNull("usage")) completion = chunk.path("usage").path("completion_tokens").asInt();
            }
        }
        return new Sample(ttft < 0 ? (System.nanoTime() - t0) / 1e9 : ttft, completion);
    }
}
