package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.engine.gguf.GgufFile;
import ai.glassbox.testkit.Shared;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SynthCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesAModelAndReportsIt() {
        Path out = dir.resolve("m.gguf");
        var cmd = new CommandLine(new SynthCommand());
        var text = new StringWriter();
        cmd.setOut(new PrintWriter(text));
        int rc = cmd.execute("--arch", "qwen3", "--dim", "64", "--layers", "1", "--heads", "2", "--kv-heads", "1", "--ffn", "128", "--head-dim", "64",
                "--ctx", "256", "--vocab-from", Shared.model("stories260K.gguf").toString(), "--type", "Q8_0", "--seed", "3", out.toString());
        assertEquals(0, rc, text::toString);
        assertTrue(text.toString().contains("wrote"), text::toString);
        try (var f = GgufFile.open(out)) {
            assertEquals(64, f.metadata().int32("qwen3.attention.key_length").orElseThrow());
            assertEquals(256, f.metadata().int32("qwen3.context_length").orElseThrow());
        }
    }
}
