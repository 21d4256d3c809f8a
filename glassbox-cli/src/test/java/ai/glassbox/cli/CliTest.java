package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class CliTest {
    record Result(int exitCode, String out, String err) {}

    static Result run(String... args) {
        return run(Main.commandLine(), args);
    }

    static Result run(CommandLine cl, String... args) {
        var out = new StringWriter();
        var err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Result(code, out.toString(), err.toString());
    }

    static String stories() {
        return Shared.model("stories260K.gguf").toString();
    }

    @Test
    void helpListsEveryCommand() {
        Result r = run("--help");
        assertEquals(0, r.exitCode());
        for (String c : new String[] {"info", "run", "chat", "tokenize", "synth", "bench", "replay"}) {
            assertTrue(r.out().contains(c), "help mentions " + c + ":\n" + r.out());
        }
    }

    @Test
    void runTellsTheSameStoryAsLlamaCpp() {
        Result r = run("run", stories(), "-p", "Once upon a time", "--temp", "0", "-n", "32", "-t", "1");
        assertEquals(0, r.exitCode(), r.err());
        String expected = Shared.json(Shared.golden("stories260K-F32/server.ref.json")).get("completions").get(0).get("response").get("content").asText();
        assertEquals(expected + System.lineSeparator(), r.out());
        assertTrue(r.err().contains("tokens"), r.err());
    }

    @Test
    void tokenizePrintsIdsLikeLlamaCpp() {
        Result r = run("tokenize", stories(), "Hello world");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("346 306 414 263 304 341", r.out().strip());
        Result bos = run("tokenize", stories(), "Hello world", "--bos");
        assertEquals("1 346 306 414 263 304 341", bos.out().strip());
        Result pieces = run("tokenize", stories(), "Hello", "--pieces");
        assertTrue(pieces.out().startsWith("346\t"), pieces.out());
    }

    @Test
    void infoDescribesTheModel() {
        Result r = run("info", Shared.model("tiny-qwen3-Q8_0.gguf").toString());
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("architecture:    qwen3"), r.out());
        assertTrue(r.out().contains("head width 64"), r.out());
        assertTrue(r.out().contains("Q8_0"), r.out());
    }

    @Test
    void corruptFileIsAnInvalidInputNamingTheOffset(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(Shared.model("stories260K.gguf"));
        Path bad = dir.resolve("bad.gguf");
        Files.write(bad, java.util.Arrays.copyOf(bytes, 100));
        Result r = run("info", bad.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("bad.gguf @ byte 8: tensor_count"), r.err());
    }

    @Test
    void unknownArchitectureListsTheSupportedOnes(@TempDir Path dir) throws Exception {
        byte[] bytes = Files.readAllBytes(Shared.model("stories260K.gguf"));
        String s = new String(bytes, StandardCharsets.ISO_8859_1).replace("\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000llama", "\u0005\u0000\u0000\u0000\u0000\u0000\u0000\u0000gemma");
        Path bad = dir.resolve("gemma.gguf");
        Files.write(bad, s.getBytes(StandardCharsets.ISO_8859_1));
        Result r = run("info", bad.toString());
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode(), r.err());
        assertTrue(r.err().contains("gemma") && r.err().contains("llama, qwen2, qwen3"), r.err());
    }

    @Test
    void receiptReplaysWithOtherThreadsAndScalarKernelsAndDetectsTampering(@TempDir Path dir) throws Exception {
        Path receipt = dir.resolve("r.json");
        Result r = run("run", stories(), "-p", "Once upon a time", "--temp", "0.9", "--seed", "7", "-n", "16", "-t", "1", "--receipt", receipt.toString());
        assertEquals(0, r.exitCode(), r.err());
        Result replay = run("replay", receipt.toString(), stories(), "-t", "2", "-b", "1");
        assertEquals(0, replay.exitCode(), replay.out() + replay.err());
        assertTrue(replay.out().startsWith("OK"), replay.out());

        String json = Files.readString(receipt);
        int at = json.indexOf("\"token\" : ") + "\"token\" : ".length();
        int end = json.indexOf(',', at);
        int token = Integer.parseInt(json.substring(at, end).strip());
        Files.writeString(receipt, json.substring(0, at) + (token + 1) + json.substring(end));
        Result tampered = run("replay", receipt.toString(), stories());
        assertEquals(ExitCodes.VERIFY_FAILED, tampered.exitCode(), tampered.out());
        assertTrue(tampered.out().contains("step 0"), tampered.out());
    }

    @Test
    void quantizedReceiptReplaysOnTheScalarKernelsInAnotherJvm(@TempDir Path dir) throws Exception {
        Path receipt = dir.resolve("q.json");
        String model = Shared.model("tiny-llama-Q4_K.gguf").toString();
        Result r = run("run", model, "-p", "Hello world", "--temp", "0.8", "--seed", "3", "-n", "12", "-t", "1", "--receipt", receipt.toString());
        assertEquals(0, r.exitCode(), r.err());
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "--add-modules", "jdk.incubator.vector", "-Dglassbox.kernels=scalar",
                        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "replay", receipt.toString(), model, "-t", "2", "-b", "3")
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        assertTrue(out.lines().anyMatch(l -> l.startsWith("OK")), out);
        assertTrue(out.contains("scalar kernels"), "the child must run the scalar kernels: " + out);
    }

    @Test
    void chatRendersTheTemplateAndAnswersEachTurn() {
        CommandLine cl = Main.commandLine();
        ChatCommand chat = cl.getSubcommands().get("chat").getCommand();
        chat.input = new ByteArrayInputStream("Hello!\nAnd again?\n/exit\n".getBytes(StandardCharsets.UTF_8));
        Result r = run(cl, "chat", Shared.model("tiny-qwen25-Q8_0.gguf").toString(), "--temp", "0", "-n", "8", "--plain");
        assertEquals(0, r.exitCode(), r.err());
        assertEquals(3, r.out().split("> ", -1).length - 1, r.out());
        assertEquals(2, r.err().lines().filter(l -> l.contains("prompt tokens")).count(), r.err());
    }
}
