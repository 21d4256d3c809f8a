package ai.glassbox.cli;

import ai.glassbox.engine.Engine;
import ai.glassbox.engine.FileDigest;
import ai.glassbox.engine.GenerationListener;
import ai.glassbox.engine.InferenceReceipt;
import ai.glassbox.engine.ReceiptRecorder;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "replay", description = "Re-run the generation a receipt records and print OK, or the first step that differs.")
final class ReplayCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "RECEIPT", description = "receipt file written by run --receipt")
    Path receiptFile;

    @Parameters(index = "1", paramLabel = "MODEL", description = "GGUF model file")
    Path model;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        InferenceReceipt recorded = ReceiptJson.read(receiptFile);
        String digest = FileDigest.sha256(model);
        if (!digest.equals(recorded.modelSha256())) {
            out.println("DIFFERS: model file digest " + digest + " is not the recorded " + recorded.modelSha256());
            return ExitCodes.VERIFY_FAILED;
        }
        try (Engine engine = Engine.load(model, engineFlags.options())) {
            var recorder = new ReceiptRecorder(digest, recorded.promptTokens(), recorded.request(), GenerationListener.NONE);
            engine.generate(recorded.promptTokens(), recorded.request(), recorder);
            Optional<String> diff = recorded.firstDifference(recorder.receipt());
            if (diff.isPresent()) {
                out.println("DIFFERS: " + diff.get());
                return ExitCodes.VERIFY_FAILED;
            }
            out.println("OK: " + recorded.steps().size() + " steps reproduced bit for bit (chain " + recorded.finalChain() + ")");
            spec.commandLine().getErr().println("replayed with " + engineFlags.options().threads() + " threads, " + Engine.kernels() + " kernels");
            return ExitCodes.OK;
        }
    }
}
