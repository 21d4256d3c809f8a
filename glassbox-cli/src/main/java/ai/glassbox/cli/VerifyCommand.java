package ai.glassbox.cli;

import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.ReceiptAttestation;
import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.attestation.Statement;
import ai.glassbox.ledger.log.LedgerException;
import ai.glassbox.ledger.merkle.ProofException;
import ai.glassbox.ledger.note.NoteException;
import ai.glassbox.ledger.note.NoteVerifier;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.signing.EnvelopeException;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.signing.VerificationKey;
import ai.glassbox.ledger.store.Ledger;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox verify RUN_DIR | ENVELOPE | --log-index N}: check a run's signature, that its
 * files are the attested ones, that the transparency log holds it (proven against the log's
 * latest signed checkpoint), then, when asked, re-run its samples ({@link RerunFlags}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Verify a run's attestation: the signature by a trusted key, every attested digest against the files in the run directory, and its inclusion in the transparency log against the log's latest signed checkpoint.",
            "With --rerun (or --sample K), a local-engine run's samples are then re-run and each must give its attested record bit for bit."
        })
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR|RECEIPT|ENVELOPE", arity = "0..1",
            description = "a run directory holding attestation.dsse.json, an inference receipt with its RECEIPT.dsse.json beside it, or an envelope file (only its signature and log inclusion are checked)")
    Path run;

    @Option(names = "--log-index", paramLabel = "N", description = "verify the run the log holds at index N (with RUN_DIR, also that the directory is that run)")
    Long logIndex;

    @Option(names = "--trust", paramLabel = "PUB", description = "a public key (PEM) to trust; repeatable (default: this machine's own key)")
    List<Path> trust = List.of();

    @Option(names = "--log-vkey", paramLabel = "VKEY",
            description = "the log's verifier key (NAME+ID+KEY) that must sign its checkpoints (default: this machine's own log key, else the key the ledger records)")
    String logVkey;

    @Mixin
    LedgerFlags ledger;

    @Mixin
    RerunFlags rerunFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (run == null && logIndex == null) throw new CommandLine.ParameterException(spec.commandLine(), "give RUN_DIR, ENVELOPE or --log-index N");
        Set<VerificationKey> keys = new HashSet<>();
        for (Path p : trust) keys.add(VerificationKey.load(p));
        if (keys.isEmpty() && Files.exists(GlassboxHome.signingKey())) keys.add(SigningKey.load(GlassboxHome.signingKey()).publicKey());
        if (keys.isEmpty()) {
            spec.commandLine().getErr().println("no trusted key: pass --trust PUB.pem (the signer's published public key)");
            return ExitCodes.INVALID_INPUT;
        }
        boolean runDir = run != null && Files.isDirectory(run);
        try {
            byte[] envelope;
            if (logIndex != null) {
                try (Ledger l = ledger.open()) {
                    var entry = l.log().entry(logIndex);
                    if (!entry.kind().equals(Ledger.RUN_KIND) && !entry.kind().equals(Ledger.RECEIPT_KIND)) {
                        throw new AttestationException("log entry " + logIndex + " is a " + entry.kind() + ", not a run or a receipt");
                    }
                    envelope = entry.bytes();
                }
                if (run != null && !java.util.Arrays.equals(envelope, Files.readAllBytes(envelopeFile()))) {
                    throw new AttestationException(envelopeFile() + " is not the envelope the log holds at index " + logIndex);
                }
            } else {
                envelope = Files.readAllBytes(envelopeFile());
            }
            if (runDir) {
                var v = RunAttestation.verify(run, keys);
                out.println("OK: signed by " + v.signer().keyId() + "; " + v.statement().subjects().size() + " attested digests match the files");
            } else if (receipt()) {
                var v = ReceiptAttestation.verify(run, keys);
                out.println("OK: signed by " + v.signer().keyId() + "; the receipt is the attested one (replay it with `glassbox replay " + run + " MODEL`)");
            } else {
                VerificationKey signer = Envelope.parse(envelope).verify(Statement.PAYLOAD_TYPE, keys);
                out.println("OK: signed by " + signer.keyId() + " (an envelope alone: no run files to check its digests against)");
            }
            checkLog(envelope, out);
        } catch (AttestationException | EnvelopeException | NoteException | ProofException e) {
            out.println("FAILED: " + e.getMessage());
            return ExitCodes.VERIFY_FAILED;
        }
        if (!runDir) {
            if (rerunFlags.rerun || rerunFlags.sample != null) throw new CommandLine.ParameterException(spec.commandLine(), "--rerun and --sample need the RUN_DIR");
            return ExitCodes.OK;
        }
        return rerunFlags.check(run, spec.commandLine());
    }

    private Path envelopeFile() {
        if (Files.isDirectory(run)) return run.resolve(RunAttestation.FILE);
        return receipt() ? ReceiptAttestation.envelopeFile(run) : run;
    }

    /** A receipt file is given by itself; its envelope lies beside it. */
    private boolean receipt() {
        return run != null && Files.isRegularFile(run) && !run.getFileName().toString().endsWith(".dsse.json") && Files.exists(ReceiptAttestation.envelopeFile(run));
    }

    private void checkLog(byte[] envelope, PrintWriter out) {
        String url = ledger.url();
        if (logIndex == null && url.startsWith("jdbc:sqlite:") && !Files.exists(Path.of(url.substring("jdbc:sqlite:".length())))) {
            out.println("not checked in a log: no ledger at " + url + " (pass --db URL)");
            return;
        }
        try (Ledger l = ledger.open()) {
            var head = l.log().head();
            if (head.isEmpty()) {
                out.println("not in the log: the ledger at " + l.database().displayUrl() + " is empty");
                return;
            }
            NoteVerifier logKey = logVerifier(head.get().verifier(), out);
            Optional<Ledger.Inclusion> inclusion = logIndex != null ? Optional.of(l.inclusionAt(logIndex, envelope, logKey)) : l.inclusion(envelope, logKey);
            if (inclusion.isEmpty()) {
                out.println("not in the log " + head.get().origin() + " at " + l.database().displayUrl() + ": add it with `glassbox log append`");
                return;
            }
            var cp = inclusion.get().checkpoint().checkpoint();
            out.println("OK: in log " + cp.origin() + " at index " + inclusion.get().index() + ", proven against its signed checkpoint of size " + cp.size());
        } catch (LedgerException e) {
            throw new AttestationException("cannot check the log: " + e.getMessage());
        }
    }

    private NoteVerifier logVerifier(NoteVerifier recorded, PrintWriter out) {
        if (logVkey != null) return NoteVerifier.parse(logVkey);
        if (ledger.canSign()) {
            NoteVerifier own = ledger.ownLogVerifier();
            if (own.equals(recorded)) return own;
        }
        out.println("note: checking checkpoints with the key the ledger records (" + recorded.vkey() + "); pass --log-vkey to pin the log's key");
        return recorded;
    }
}
