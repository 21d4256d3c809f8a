package ai.glassbox.cli;

import ai.glassbox.engine.sampling.SamplingParams;
import picocli.CommandLine.Option;

/** Sampling flags shared by run and chat (llama.cpp's names and defaults). */
final class SamplingOptions {
    @Option(names = "--temp", description = "temperature; 0 = greedy (default: ${DEFAULT-VALUE})", defaultValue = "0.8")
    float temperature;

    @Option(names = "--top-k", description = "top-k, 0 = off (default: ${DEFAULT-VALUE})", defaultValue = "40")
    int topK;

    @Option(names = "--top-p", description = "top-p, 1 = off (default: ${DEFAULT-VALUE})", defaultValue = "0.95")
    float topP;

    @Option(names = "--min-p", description = "min-p, 0 = off (default: ${DEFAULT-VALUE})", defaultValue = "0.05")
    float minP;

    @Option(names = "--repeat-penalty", description = "repetition penalty, 1 = off (default: ${DEFAULT-VALUE})", defaultValue = "1.0")
    float repeatPenalty;

    @Option(names = "--repeat-last-n", description = "tokens the penalty looks back (default: ${DEFAULT-VALUE})", defaultValue = "64")
    int repeatLastN;

    @Option(names = "--seed", description = "sampling seed (default: ${DEFAULT-VALUE})", defaultValue = "42")
    long seed;

    SamplingParams params() {
        return new SamplingParams(temperature, topK, topP, minP, repeatPenalty, repeatLastN, seed);
    }
}
