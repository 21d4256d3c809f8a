package ai.glassbox.cli;

import ai.glassbox.engine.Engine;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServedModel;
import ai.glassbox.server.ServerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code glassbox serve}: GGUF models behind an OpenAI-compatible API. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Serve GGUF models over the OpenAI API (/v1/chat/completions, /v1/completions, /v1/models).")
final class ServeCommand implements Callable<Integer> {
    @Option(names = {"-m", "--model"}, required = true, paramLabel = "FILE", description = "a GGUF model; repeat to serve several")
    List<Path> models;

    @Option(names = "--alias", paramLabel = "ID", description = "the id clients use for the model given at the same position (default: file name without .gguf)")
    List<String> aliases = new ArrayList<>();

    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE}); anything but loopback exposes the models to the network", defaultValue = ServerOptions.DEFAULT_HOST)
    String host;

    @Option(names = "--port", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)", defaultValue = "8080")
    int port;

    @Option(names = "--api-key", paramLabel = "KEY", description = "require Authorization: Bearer KEY (repeatable; or GLASSBOX_API_KEY)")
    List<String> apiKeys = new ArrayList<>();

    @Option(names = {"-np", "--parallel"}, description = "generations decoded together per model (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int parallel;

    @Option(names = "--queue", description = "generations that may wait per model before requests get 429 (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int queue;

    @Option(names = "--timeout", paramLabel = "SECONDS", description = "longest a request may run (default: ${DEFAULT-VALUE})", defaultValue = "600")
    int timeoutSeconds;

    @Option(names = "--max-request-bytes", description = "largest request body (default: ${DEFAULT-VALUE})", defaultValue = "8388608")
    long maxRequestBytes;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec spec;

    /** Released on shutdown (SIGINT/SIGTERM), or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        if (aliases.size() > models.size()) throw new ParameterException(spec.commandLine(), aliases.size() + " aliases for " + models.size() + " models");
        List<String> keys = new ArrayList<>(apiKeys);
        String envKey = System.getenv("GLASSBOX_API_KEY");
        if (envKey != null && !envKey.isBlank()) keys.add(envKey);
        var options = new ServerOptions(host, port, keys, Duration.ofSeconds(timeoutSeconds), maxRequestBytes);
        List<ServedModel> served = load(models, aliases, engineFlags, parallel, queue, err);
        serveUntilStopped(stop, () -> GlassboxServer.start(served, options),
                server -> {
                    err.printf("listening on http://%s:%d/v1%s%n", host, server.port(), keys.isEmpty() ? "" : " (API key required)");
                    err.flush();
                });
        return ExitCodes.OK;
    }

    /** Loads each model, named by its alias or its file name without .gguf; on a failure closes those loaded and rethrows. */
    static List<ServedModel> load(List<Path> models, List<String> aliases, EngineFlags engineFlags, int parallel, int queue, PrintWriter err) {
        List<ServedModel> served = new ArrayList<>();
        try {
            for (int i = 0; i < models.size(); i++) {
                Path file = models.get(i);
                String id = i < aliases.size() ? aliases.get(i) : file.getFileName().toString().replaceFirst("\\.gguf$", "");
                Engine engine = Engine.load(file, engineFlags.options());
                served.add(ServedModel.of(id, engine, parallel, queue, System.currentTimeMillis() / 1000));
                err.printf("loaded %s as '%s' (context %d, %d parallel)%n", file, id, engine.contextLength(), parallel);
            }
        } catch (RuntimeException e) {
            for (ServedModel m : served) m.close();
            throw e;
        }
        return served;
    }

    /** Starts a server, announces it, and serves until {@code stop} is released (by SIGINT/SIGTERM or a test); then closes it. */
    static void serveUntilStopped(CountDownLatch stop, Supplier<GlassboxServer> start, Consumer<GlassboxServer> announce) throws InterruptedException {
        var closed = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.countDown();
            try {
                closed.await(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try (GlassboxServer server = start.get()) {
            Runtime.getRuntime().addShutdownHook(hook);
            announce.accept(server);
            stop.await();
        } finally {
            closed.countDown();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is what stopped us
        }
    }
}
