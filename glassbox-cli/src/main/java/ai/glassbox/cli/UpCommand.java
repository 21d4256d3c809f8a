package ai.glassbox.cli;

import ai.glassbox.ledger.signing.VerificationKey;
import ai.glassbox.ledger.store.Ledger;
import ai.glassbox.server.GlassboxServer;
import ai.glassbox.server.ServedModel;
import ai.glassbox.server.ServerOptions;
import ai.glassbox.server.publish.RunSubmissions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code glassbox up}: the ledger's dashboard and read-only API (and, given models, the OpenAI API) on one server. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = "Publish the ledger: a dashboard (leaderboard, the open-closed gap, runs with their samples, the log with proofs checked in the browser) "
                + "and the same data as JSON under /api (described at /api/openapi.json); seeds an empty ledger with the shipped claims and models. "
                + "With --model, also serves the OpenAI API under /v1.")
final class UpCommand implements Callable<Integer> {
    @Option(names = "--host", description = "address to bind (default: ${DEFAULT-VALUE})", defaultValue = ServerOptions.DEFAULT_HOST)
    String host;

    @Option(names = "--port", description = "port (default: ${DEFAULT-VALUE}; 0 picks a free one)", defaultValue = "8080")
    int port;

    @Option(names = {"-m", "--model"}, paramLabel = "FILE", description = "a GGUF model to serve over the OpenAI API too; repeatable")
    List<Path> models = new ArrayList<>();

    @Option(names = {"-np", "--parallel"}, description = "generations decoded together per model (default: ${DEFAULT-VALUE})", defaultValue = "8")
    int parallel;

    @Option(names = "--queue", description = "generations that may wait per model before requests get 429 (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int queue;

    @Option(names = "--trust", paramLabel = "PUB.pem",
            description = "take runs signed by this public key at POST /api/runs (glassbox submit); repeatable. Without it the API is read-only")
    List<Path> trusted = new ArrayList<>();

    @Option(names = "--max-submission", paramLabel = "MiB", description = "the largest submitted run, its samples included (default: ${DEFAULT-VALUE})", defaultValue = "256")
    int maxSubmissionMiB;

    @Mixin
    LedgerFlags ledgerFlags;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec spec;

    /** Released on shutdown (SIGINT/SIGTERM), or by a test. */
    final CountDownLatch stop = new CountDownLatch(1);

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter err = spec.commandLine().getErr();
        RunSubmissions taking = submissions();
        // a submitted run carries its sample files, far larger than an API request
        ServerOptions options = taking.trusted().isEmpty() ? ServerOptions.loopback(port).withHost(host)
                : ServerOptions.loopback(port).withHost(host).withMaxRequestBytes((long) maxSubmissionMiB << 20);
        try (Ledger ledger = ledgerFlags.open()) {
            Ledger.Seeded seeded = ledger.seedIfEmpty();
            if (seeded.claims() > 0 || seeded.models() > 0) err.printf("seeded %s with %d claims and %d models%n", ledger.database().displayUrl(), seeded.claims(), seeded.models());
            List<ServedModel> served = ServeCommand.load(models, List.of(), engineFlags, parallel, queue, err);
            ServeCommand.serveUntilStopped(stop, () -> GlassboxServer.start(served, options, ledger, taking), server -> {
                String base = "http://" + host + ":" + server.port();
                err.printf("publishing %s on %s/api (OpenAPI: %s/api/openapi.json)%n", ledger.database().displayUrl(), base, base);
                err.printf("dashboard: %s/%n", base);
                for (VerificationKey k : taking.trusted()) err.printf("taking runs signed by %s at %s/api/runs%n", k.keyId(), base);
                if (!served.isEmpty()) err.printf("serving %d model(s) on %s/v1%n", served.size(), base);
                err.flush();
            });
        }
        return ExitCodes.OK;
    }

    /** What {@code --trust} takes at {@code POST /api/runs}; none without it. */
    private RunSubmissions submissions() {
        if (trusted.isEmpty()) return RunSubmissions.NONE;
        if (!ledgerFlags.canSign()) throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--trust needs a key to sign the log's checkpoints: run glassbox keys init, or give --log-key");
        List<VerificationKey> keys = new ArrayList<>();
        for (Path p : trusted) keys.add(VerificationKey.load(p));
        return new RunSubmissions(keys, ledgerFlags.logSigner());
    }
}
