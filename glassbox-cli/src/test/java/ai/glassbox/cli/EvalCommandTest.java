package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.testkit.Shared;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EvalCommandTest {
    @TempDir
    Path tmp;

    private CliTest.Result eval(Path out, String... more) {
        String[] base = {"eval", "-m", CliTest.stories(), "--limit", "3", "--out", out.toString(), "-t", "1", "--no-progress",
                "--data", Shared.root().resolve("datasets").toString()};
        String[] args = new String[base.length + more.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(more, 0, args, base.length, more.length);
        return CliTest.run(args);
    }

    @Test
    void evalPrintsTheSummaryTableAndWritesTheRunDirectory() {
        Path out = tmp.resolve("run");
        CliTest.Result r = eval(out, "--tasks", "arc_easy,winogrande");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().startsWith("|Tasks|Version|Filter|n-shot|Metric|Value|Stderr|n|"), r.out());
        assertTrue(r.out().contains("|arc_easy|1.0|none|0|acc_norm|"), r.out());
        assertTrue(r.out().contains("|winogrande|1.0|none|0|acc|"), r.out());
        assertTrue(r.err().contains("prefix sharing:"), r.err());
        for (String f : new String[] {"manifest.json", "results.json", "samples_arc_easy.jsonl", "samples_winogrande.jsonl"}) assertTrue(Files.exists(out.resolve(f)), f);

        CliTest.Result again = eval(out, "--tasks", "arc_easy,winogrande");
        assertEquals(0, again.exitCode(), again.err());
        assertTrue(again.err().contains("arc_easy: 3 of 3 samples already done"), again.err());
        assertEquals(r.out(), again.out());
    }

    @Test
    void anEndpointScoresLikeTheLocalEngine() throws Exception {
        Path local = tmp.resolve("local"), remote = tmp.resolve("remote");
        assertEquals(0, eval(local, "--tasks", "arc_easy,piqa", "-c", "256").exitCode());
        try (var engine = ai.glassbox.engine.Engine.load(Shared.model("stories260K.gguf"), new ai.glassbox.engine.EngineOptions(1, 256, 64));
                var server = ai.glassbox.eval.backend.OpenAiTestServer.start(engine, ai.glassbox.eval.backend.OpenAiTestServer.Behaviour.normal())) {
            CliTest.Result r = CliTest.run("eval", "--endpoint", server.baseUrl().toString(), "--model-name", "stories260K", "--tokenizer", CliTest.stories(),
                    "-c", "256", "--tasks", "arc_easy,piqa", "--limit", "3", "--out", remote.toString(), "--no-progress", "--data", Shared.root().resolve("datasets").toString());
            assertEquals(0, r.exitCode(), r.err());
            String localTable = Files.readString(local.resolve("results.json"));
            String remoteTable = Files.readString(remote.resolve("results.json"));
            var json = new com.fasterxml.jackson.databind.ObjectMapper();
            assertEquals(json.readTree(localTable).get("results"), json.readTree(remoteTable).get("results"));
        }
    }

    @Test
    void aChatOnlyEndpointCannotRunLoglikelihoodTasks() throws Exception {
        try (var engine = ai.glassbox.engine.Engine.load(Shared.model("stories260K.gguf"), new ai.glassbox.engine.EngineOptions(1, 256, 64));
                var server = ai.glassbox.eval.backend.OpenAiTestServer.start(engine, ai.glassbox.eval.backend.OpenAiTestServer.Behaviour.normal().chatOnlyServer())) {
            CliTest.Result r = CliTest.run("eval", "--endpoint", server.baseUrl().toString(), "--model-name", "stories260K",
                    "--tasks", "arc_easy", "--limit", "1", "--out", tmp.resolve("chat").toString(), "--no-progress", "--data", Shared.root().resolve("datasets").toString());
            assertEquals(ExitCodes.IO, r.exitCode(), r.err());
            assertTrue(r.err().contains("loglikelihood tasks need a /v1/completions endpoint"), r.err());
        }
    }

    @Test
    void anEndpointNeedsAModelName() {
        CliTest.Result r = CliTest.run("eval", "--endpoint", "http://127.0.0.1:9/v1", "--tasks", "arc_easy", "--out", tmp.resolve("n").toString());
        assertEquals(ExitCodes.USAGE, r.exitCode(), r.err());
        assertTrue(r.err().contains("--endpoint needs --model-name"), r.err());
    }

    @Test
    void unknownTaskIsInvalidInput() {
        CliTest.Result r = eval(tmp.resolve("x"), "--tasks", "arc_medium");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("unknown task \"arc_medium\""), r.err());
    }

    @Test
    void aDifferentRunInTheSameDirectoryIsRefused() {
        Path out = tmp.resolve("run");
        assertEquals(0, eval(out, "--tasks", "arc_easy").exitCode());
        CliTest.Result r = eval(out, "--tasks", "arc_challenge");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("holds a different run"), r.err());
    }

    @Test
    void fewShotOnATaskWithoutExamplesSaysWhy() {
        CliTest.Result r = eval(tmp.resolve("y"), "--tasks", "piqa", "--num-fewshot", "2");
        assertEquals(ExitCodes.INVALID_INPUT, r.exitCode());
        assertTrue(r.err().contains("piqa has no few-shot examples"), r.err());
    }

    @Test
    void downloadConvertsMissingFilesFromUpstreamAndNamesAMissingUpstreamFile() throws Exception {
        var originals = ai.glassbox.eval.task.UpstreamOriginals.all();
        var server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body = originals.entrySet().stream()
                    .filter(e -> exchange.getRequestURI().getPath().equals("/" + e.getKey().repo() + "/" + e.getKey().commit() + "/" + e.getKey().path()))
                    .map(Map.Entry::getValue).findFirst().orElse(null);
            exchange.sendResponseHeaders(body == null ? 404 : 200, body == null ? -1 : body.length);
            try (var out = exchange.getResponseBody()) {
                if (body != null) out.write(body);
            }
        });
        server.start();
        try {
            Path data = tmp.resolve("data");
            String upstream = "http://127.0.0.1:" + server.getAddress().getPort() + "/";
            CliTest.Result r = CliTest.run("eval", "-m", CliTest.stories(), "--limit", "3", "--out", tmp.resolve("piqa").toString(), "-t", "1", "--no-progress",
                    "--data", data.toString(), "--download", "--upstream-url", upstream, "--tasks", "piqa");
            assertEquals(0, r.exitCode(), r.err());
            assertTrue(r.err().contains("fetching piqa_val.jsonl into " + data), r.err());
            assertArrayEquals(Files.readAllBytes(Shared.dataset("piqa_val.jsonl")), Files.readAllBytes(data.resolve("piqa_val.jsonl")));

            CliTest.Result more = CliTest.run("eval", "-m", CliTest.stories(), "--limit", "2", "--out", tmp.resolve("more").toString(), "-t", "1", "--no-progress",
                    "--data", data.toString(), "--upstream-url", upstream, "--tasks", "arc_challenge,winogrande,mmlu_anatomy");
            assertEquals(0, more.exitCode(), more.err());
            for (String f : new String[] {"arc_challenge.jsonl", "winogrande_dev.jsonl", "mmlu_test.jsonl"}) {
                assertTrue(more.err().contains("fetching " + f), more.err());
                assertArrayEquals(Files.readAllBytes(Shared.dataset(f)), Files.readAllBytes(data.resolve(f)), f);
            }

            CliTest.Result missing = CliTest.run("eval", "-m", CliTest.stories(), "--limit", "3", "--out", tmp.resolve("arc").toString(), "--no-progress",
                    "--data", tmp.resolve("elsewhere").toString(), "--upstream-url", upstream + "nothing/", "--tasks", "arc_easy");
            assertEquals(ExitCodes.INVALID_INPUT, missing.exitCode(), missing.err());
            assertTrue(missing.err().contains(upstream + "nothing/Youssef-Malek2004/CoT-Unfaithfulness-Induction-Via-SDF/") && missing.err().contains("HTTP 404"), missing.err());
        } finally {
            server.stop(0);
        }
    }
}
