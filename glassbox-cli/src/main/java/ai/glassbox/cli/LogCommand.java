package ai.glassbox.cli;

import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.attestation.RunSummary;
import ai.glassbox.ledger.log.TransparencyLog;
import ai.glassbox.ledger.merkle.ConsistencyProof;
import ai.glassbox.ledger.merkle.Hash;
import ai.glassbox.ledger.merkle.InclusionProof;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.signing.VerificationKey;
import ai.glassbox.ledger.store.Ledger;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glassbox log …}: the transparency log of attested runs. */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "The transparency log of signed runs: append, inspect, prove and audit.",
        subcommands = {LogCommand.Info.class, LogCommand.Append.class, LogCommand.Runs.class, LogCommand.Prove.class, LogCommand.Consistency.class, LogCommand.Audit.class})
final class LogCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    @Command(name = "info", mixinStandardHelpOptions = true, description = "The log's origin, size, verifier key and latest signed checkpoint.")
    static final class Info implements Callable<Integer> {
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Ledger l = ledger.open()) {
                var head = l.log().head();
                out.println("ledger: " + l.database().displayUrl());
                if (head.isEmpty()) {
                    out.println("the log is empty");
                    return ExitCodes.OK;
                }
                out.println("origin: " + head.get().origin());
                out.println("size: " + head.get().size());
                out.println("verifier key: " + head.get().verifier().vkey());
                out.println();
                out.print(l.log().latestCheckpoint().orElseThrow());
                out.flush();
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "append", mixinStandardHelpOptions = true,
            description = "Append signed runs (their attestation.dsse.json, with the samples_*.jsonl beside it) or signed inference receipts (RECEIPT.dsse.json) to the log.")
    static final class Append implements Callable<Integer> {
        @Parameters(paramLabel = "RUN_DIR", arity = "1..*", description = "run directories, or attestation envelope files (of runs or inference receipts)")
        List<Path> runs;

        @Option(names = "--trust", paramLabel = "PUB", description = "the signer's public key (PEM) (default: this machine's own key)")
        Path trust;

        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            VerificationKey signer = trust != null ? VerificationKey.load(trust) : SigningKey.load(GlassboxHome.signingKey()).publicKey();
            PrintWriter out = spec.commandLine().getOut();
            try (Ledger l = ledger.open()) {
                for (Path run : runs) {
                    Path file = Files.isDirectory(run) ? run.resolve(RunAttestation.FILE) : run;
                    Ledger.Recorded r = l.record(Files.readAllBytes(file), signer, ledger.logSigner(), samplesBeside(file));
                    out.println("logged " + run + " at index " + r.logIndex() + " (tree size " + r.appended().checkpoint().size() + ")");
                }
            }
            return ExitCodes.OK;
        }

        /**
         * A run's samples files, when {@code envelope} is a run's {@value RunAttestation#FILE}; a
         * receipt's envelope ({@code RECEIPT.dsse.json}) has none, whatever lies beside it.
         */
        private static Map<String, byte[]> samplesBeside(Path envelope) {
            if (!envelope.getFileName().toString().equals(RunAttestation.FILE)) return Map.of();
            Path dir = envelope.toAbsolutePath().getParent();
            return RunAttestation.sampleFiles(dir);
        }
    }

    @Command(name = "runs", mixinStandardHelpOptions = true, description = "The runs in the log and what they measured.")
    static final class Runs implements Callable<Integer> {
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Ledger l = ledger.open()) {
                out.println("|index|model|backend|task|metric|value|stderr|n|");
                out.println("|----:|-----|-------|----|------|----:|-----:|--:|");
                for (Ledger.Run run : l.runs()) {
                    for (RunSummary.Score s : run.scores()) {
                        out.printf("|%d|%s|%s|%s|%s|%.4f|%s|%d|%n", run.logIndex(), run.model(), run.backend(), s.task(), s.metric(), s.value(),
                                s.stderr().isPresent() ? String.format("%.4f", s.stderr().getAsDouble()) : "N/A", s.samples());
                    }
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "prove", mixinStandardHelpOptions = true, description = "The inclusion proof of entry INDEX in the tree of the latest (or a given) size, as JSON.")
    static final class Prove implements Callable<Integer> {
        @Parameters(paramLabel = "INDEX") long index;
        @Option(names = "--size", paramLabel = "N", description = "tree size (default: the latest checkpoint's)") Long size;
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (Ledger l = ledger.open()) {
                TransparencyLog log = l.log();
                long n = size != null ? size : log.size();
                InclusionProof proof = log.inclusionProof(index, n);
                ObjectNode o = JSON.createObjectNode();
                o.put("leaf_index", proof.leafIndex());
                o.put("tree_size", proof.treeSize());
                o.put("leaf_hash", b64(log.entry(index).leafHash()));
                proof.path().forEach(h -> o.withArray("inclusion_path").add(b64(h)));
                log.checkpoint(n).ifPresent(cp -> o.put("checkpoint", cp));
                spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "consistency", mixinStandardHelpOptions = true, description = "The consistency proof between the trees of sizes OLD and NEW (default: the latest), as JSON.")
    static final class Consistency implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "OLD") long oldSize;
        @Parameters(index = "1", paramLabel = "NEW", arity = "0..1") Long newSize;
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            try (Ledger l = ledger.open()) {
                long n = newSize != null ? newSize : l.log().size();
                ConsistencyProof proof = l.log().consistencyProof(oldSize, n);
                ObjectNode o = JSON.createObjectNode();
                o.put("size1", proof.size1());
                o.put("size2", proof.size2());
                proof.path().forEach(h -> o.withArray("consistency_path").add(b64(h)));
                spec.commandLine().getOut().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "audit", mixinStandardHelpOptions = true,
            description = "Re-derive the whole log from its entries: every leaf and subtree hash, every checkpoint's signature and root.")
    static final class Audit implements Callable<Integer> {
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Ledger l = ledger.open()) {
                var audit = l.log().audit();
                spec.commandLine().getOut().println("OK: " + audit.entries() + " entries and " + audit.checkpoints() + " signed checkpoints match");
                return ExitCodes.OK;
            } catch (ai.glassbox.ledger.log.LedgerException e) {
                spec.commandLine().getOut().println("FAILED: " + e.getMessage());
                return ExitCodes.VERIFY_FAILED;
            }
        }
    }

    private static String b64(Hash h) {
        return Base64.getEncoder().encodeToString(h.bytes());
    }
}
