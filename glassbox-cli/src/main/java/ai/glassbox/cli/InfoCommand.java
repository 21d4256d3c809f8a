package ai.glassbox.cli;

import ai.glassbox.engine.gguf.GgmlType;
import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.engine.gguf.TensorInfo;
import ai.glassbox.engine.model.Model;
import ai.glassbox.engine.model.ModelConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "info", description = "Show a model's architecture, shapes, tensor types, parameter count and memory estimate.")
final class InfoCommand implements Callable<Integer> {
    @Parameters(paramLabel = "MODEL", description = "GGUF model file")
    Path model;

    @Option(names = "--ctx", description = "context length for the memory estimate (default: the model's, at most 4096)")
    int ctx;

    @Option(names = "--tensors", description = "list every tensor")
    boolean tensors;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try (Model m = Model.open(model, 1)) {
            GgufFile f = m.file();
            ModelConfig c = m.config();
            long params = 0;
            Map<GgmlType, Integer> types = new EnumMap<>(GgmlType.class);
            for (TensorInfo t : f.tensors().values()) {
                params += t.elementCount();
                types.merge(t.type(), 1, Integer::sum);
            }
            int context = ModelDefaults.contextLength(c, ctx);
            out.printf("file:            %s (%,d bytes, GGUF v%d)%n", model, f.fileSize(), f.version());
            f.metadata().string("general.name").ifPresent(n -> out.printf("name:            %s%n", n));
            out.printf("architecture:    %s%n", c.architecture().ggufName());
            out.printf("parameters:      %,d (%s)%n", params, humanCount(params));
            out.printf("layers:          %d%n", c.layers());
            out.printf("embedding:       %d%n", c.dim());
            out.printf("heads:           %d query, %d key/value (head width %d)%n", c.heads(), c.kvHeads(), c.headDim());
            out.printf("feed-forward:    %d%n", c.ffnDim());
            out.printf("vocabulary:      %d (%s)%n", c.vocabSize(), f.metadata().string("tokenizer.ggml.model").orElse("?"));
            out.printf("context:         %d trained, %d used%n", c.trainedContextLength(), context);
            out.printf("rope:            base %s, %d dims, %s%n", c.ropeBase(), c.ropeDims(), c.architecture().ropeStyle());
            out.printf("tensor types:    %s%n", types);
            long kv = m.kvCacheBytes(context);
            out.printf("memory estimate: %,d bytes mapped + %,d bytes KV cache (f32, %d positions)%n", f.fileSize(), kv, context);
            if (tensors) {
                for (TensorInfo t : f.tensors().values()) out.printf("  %-32s %-5s %s%n", t.name(), t.type(), java.util.Arrays.toString(t.shape()));
            }
        }
        return ExitCodes.OK;
    }

    /** 292,800 -> "293 K", 760,000,000 -> "0.76 B": three significant digits in the largest unit that fits. */
    static String humanCount(long n) {
        if (n >= 100_000_000L) return String.format(java.util.Locale.ROOT, "%.2f B", n / 1e9);
        if (n >= 1_000_000L) return String.format(java.util.Locale.ROOT, "%.3g M", n / 1e6);
        if (n >= 1_000L) return String.format(java.util.Locale.ROOT, "%.3g K", n / 1e3);
        return Long.toString(n);
    }
}
