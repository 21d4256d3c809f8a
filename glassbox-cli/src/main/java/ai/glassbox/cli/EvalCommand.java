package ai.glassbox.cli;

import ai.glassbox.eval.LanguageModel;
import ai.glassbox.eval.backend.LocalEngineModel;
import ai.glassbox.eval.backend.OpenAiCompatibleConfig;
import ai.glassbox.eval.backend.OpenAiCompatibleModel;
import ai.glassbox.eval.run.EvalOptions;
import ai.glassbox.eval.run.EvalResults;
import ai.glassbox.eval.run.EvalRun;
import ai.glassbox.eval.task.TaskData;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "eval",
        description = {
            "Evaluate a model on standard benchmarks with lm-evaluation-harness scoring.",
            "Tasks: arc_easy, arc_challenge, hellaswag, hellaswag_llamacpp (llama.cpp's rule), piqa, winogrande,"
                    + " truthfulqa_mc1, truthfulqa_mc2, gsm8k, gsm8k_cot, mmlu (or mmlu_stem, mmlu_humanities,"
                    + " mmlu_social_sciences, mmlu_other, mmlu_SUBJECT).",
            "Every sample is recorded in the run directory; re-running the same command continues an interrupted run.",
            "An endpoint's API key is read from OPENAI_API_KEY."
        })
final class EvalCommand implements Callable<Integer> {
    static final class Target {
        @Option(names = {"-m", "--model"}, paramLabel = "FILE.gguf", description = "evaluate the local engine on this model", required = true)
        Path model;

        @Option(names = "--endpoint", paramLabel = "URL", split = ",", required = true,
                description = "evaluate an OpenAI-compatible server, e.g. http://127.0.0.1:8080/v1 (several: comma-separated or repeated, requests are spread over them)")
        List<java.net.URI> endpoints;
    }

    @Option(names = "--model-name", paramLabel = "NAME", description = "the endpoint's model name (the request's model field)")
    String modelName;

    @Option(names = "--api", paramLabel = "completions|chat", defaultValue = "completions",
            description = "endpoint API for generative tasks (default: ${DEFAULT-VALUE}); loglikelihood tasks always use /completions with echo and logprobs")
    String api;

    @Option(names = "--tokenizer", paramLabel = "FILE.gguf", description = "send prompts to the endpoint as token ids from this model's tokenizer, as the harness does (else text, split by text_offset)")
    Path tokenizer;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "4", description = "requests in flight per endpoint (default: ${DEFAULT-VALUE})")
    int concurrency;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "per-request timeout (default: ${DEFAULT-VALUE})")
    int timeoutSeconds;

    @Option(names = "--retries", paramLabel = "N", defaultValue = "3", description = "retries on 429, 5xx and timeouts, with backoff (default: ${DEFAULT-VALUE})")
    int retries;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    @Option(names = "--tasks", required = true, split = ",", paramLabel = "TASK", description = "comma-separated tasks and groups")
    List<String> tasks;

    @Option(names = "--limit", paramLabel = "N", description = "only the first N documents of each task")
    Integer limit;

    @Option(names = "--num-fewshot", paramLabel = "K", description = "few-shot examples (default: each task's own)")
    Integer numFewshot;

    @Option(names = "--out", paramLabel = "DIR", description = "run directory (default: runs/MODEL_TASKS)")
    Path outDir;

    @Mixin
    DataFlags dataFlags;

    @Option(names = "--batch-docs", paramLabel = "N", defaultValue = "16", description = "documents per model call and per disk write (default: ${DEFAULT-VALUE})")
    int batchDocs;

    @Option(names = "--no-progress", description = "no progress bar")
    boolean noProgress;

    @Option(names = "--no-attest", description = "do not sign the run, even when a signing key exists (~/.glassbox/keys/signing.key)")
    boolean noAttest;

    @Option(names = "--no-log", description = "sign the run but do not append it to the ledger's transparency log")
    boolean noLog;

    @picocli.CommandLine.Mixin
    LedgerFlags ledger;

    @Mixin
    EngineFlags engineFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws java.io.IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if (target.endpoints != null && (modelName == null || modelName.isBlank())) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--endpoint needs --model-name");
        }
        TaskData taskData = dataFlags.taskData(tasks, err);
        long t0 = System.nanoTime();
        try (LanguageModel model = open()) {
            Path dir = outDir != null ? outDir : Path.of("runs", defaultRunName(model));
            var options = new EvalOptions(tasks, limit == null ? OptionalInt.empty() : OptionalInt.of(limit),
                    numFewshot == null ? OptionalInt.empty() : OptionalInt.of(numFewshot), dir, batchDocs, settings(model));
            EvalResults results;
            try (EvalProgress progress = new EvalProgress(err, !noProgress)) {
                results = EvalRun.run(model, taskData, options, progress);
            }
            out.print(results.table());
            out.flush();
            double seconds = (System.nanoTime() - t0) / 1e9;
            err.printf("results: %s (%.1f s)%n", results.resultsFile(), seconds);
            Path key = GlassboxHome.signingKey();
            if (!noAttest && java.nio.file.Files.exists(key)) {
                var signer = ai.glassbox.ledger.signing.SigningKey.load(key);
                ai.glassbox.ledger.attestation.RunAttestation.sign(results.resultsFile().getParent(), signer);
                Path envelope = results.resultsFile().resolveSibling(ai.glassbox.ledger.attestation.RunAttestation.FILE);
                err.printf("attested: %s (key %s)%n", envelope, signer.publicKey().keyId());
                if (!noLog) log(envelope, signer, err);
            }
            if (model instanceof LocalEngineModel local) {
                var s = local.prefixStatistics();
                if (s.requested() > 0) {
                    err.printf("prefix sharing: %d of %d positions reused (%.1f %%), %d computed%n", s.reused(), s.requested(), 100.0 * s.reused() / s.requested(), s.processed());
                }
            }
        }
        return ExitCodes.OK;
    }

    private void log(Path envelope, ai.glassbox.ledger.signing.SigningKey signer, PrintWriter err) throws java.io.IOException {
        byte[] bytes = java.nio.file.Files.readAllBytes(envelope);
        var samples = ai.glassbox.ledger.attestation.RunAttestation.sampleFiles(envelope.getParent());
        try (var l = ledger.open()) {
            var recorded = l.recordRun(bytes, signer.publicKey(), ledger.logSigner(), samples);
            err.printf("logged: index %d of %s in %s, with the samples of %d tasks%n", recorded.logIndex(), recorded.appended().checkpoint().origin(), l.database().displayUrl(), samples.size());
        } catch (ai.glassbox.ledger.log.DuplicateEntryException e) {
            err.printf("logged: already at index %d%n", e.index());
        }
    }

    private LanguageModel open() {
        if (target.model != null) return LocalEngineModel.open(target.model, engineFlags.options());
        var generation = switch (api) {
            case "completions" -> OpenAiCompatibleConfig.GenerationApi.COMPLETIONS;
            case "chat" -> OpenAiCompatibleConfig.GenerationApi.CHAT;
            default -> throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--api must be completions or chat, not " + api);
        };
        var config = OpenAiCompatibleConfig.of(target.endpoints, modelName)
                .withConcurrency(concurrency)
                .withRequestTimeout(java.time.Duration.ofSeconds(timeoutSeconds))
                .withMaxRetries(retries)
                .withGenerationApi(generation);
        String key = System.getenv("OPENAI_API_KEY");
        if (key != null && !key.isBlank()) config = config.withApiKey(key);
        if (tokenizer != null) config = config.withTokenizer(tokenizer);
        if (engineFlags.ctx > 0) config = config.withContextLength(engineFlags.ctx);
        return OpenAiCompatibleModel.open(config);
    }

    /**
     * Settings that change results go into the manifest (the identity holds the model's); thread
     * count, batch size, concurrency and retries never change a result.
     */
    private Map<String, String> settings(LanguageModel model) {
        return Map.of("backend", model.identity().backend());
    }

    private String defaultRunName(LanguageModel model) {
        String name = model.identity().name().replaceAll("\\.gguf$", "");
        String t = String.join("+", tasks.stream().map(String::strip).toList());
        return (name + "_" + (t.length() > 60 ? Integer.toHexString(Arrays.hashCode(t.getBytes(java.nio.charset.StandardCharsets.UTF_8))) : t)).replaceAll("[^A-Za-z0-9._+-]", "_");
    }
}
