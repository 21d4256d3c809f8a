package ai.glassbox.cli;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.FileDigest;
import ai.glassbox.engine.ReceiptRecorder;
import ai.glassbox.engine.Generation;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.GenerationRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "run",
        description = "Generate text from a prompt. Only the generated text goes to stdout; diagnostics go to stderr.")
final class RunCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF model file")
    Path model;

    @Option(names = {"-p", "--prompt"}, required = true, description = "the prompt")
    String prompt;

    @Option(names = {"-n", "--n-predict"}, description = "tokens to generate (default: ${DEFAULT-VALUE})", defaultValue = "128")
    int maxTokens;

    @Option(names = "--stop", description = "stop string (repeatable)")
    List<String> stop = List.of();

    @Option(names = "--receipt", paramLabel = "FILE", description = "write an inference receipt (verifiable with replay)")
    Path receipt;

    @Option(names = "--no-special", description = "treat special-token text in the prompt as plain text")
    boolean noSpecial;

    @Mixin
    SamplingOptions sampling;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (Engine engine = Engine.load(model, engineFlags.options())) {
            int[] tokens = engine.tokenize(prompt, true, !noSpecial);
            var request = new GenerationRequest(sampling.params(), maxTokens, stop);
            GenerationListener listener = text -> {
                out.print(text);
                out.flush();
            };
            ReceiptRecorder recorder = receipt == null ? null : new ReceiptRecorder(FileDigest.sha256(model), tokens, request, listener);
            Generation g = engine.generate(tokens, request, recorder == null ? listener : recorder);
            if (recorder != null) ReceiptJson.write(recorder.receipt(), receipt);
            out.println();
            out.flush();
            err.printf("prompt: %d tokens, %.1f t/s; generated: %d tokens, %.1f t/s; stop: %s; threads %d%n",
                    tokens.length, g.promptTokensPerSecond(), g.tokens().length, g.generatedTokensPerSecond(),
                    g.stopReason().name().toLowerCase(java.util.Locale.ROOT), engine.model().threads());
        }
        return ExitCodes.OK;
    }
}
