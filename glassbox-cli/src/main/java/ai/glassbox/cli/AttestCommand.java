package ai.glassbox.cli;

import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glassbox attest RUN_DIR}: sign an evaluation run into a DSSE envelope in the run directory. */
@Command(name = "attest", mixinStandardHelpOptions = true,
        description = {"Sign an evaluation run: an in-toto statement of its model, dataset, per-sample and results digests, in a DSSE envelope (attestation.dsse.json).",
            "Given an inference receipt (glassbox run --receipt FILE), sign it into FILE.dsse.json."})
final class AttestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR|RECEIPT", description = "a finished `glassbox eval` run directory, or an inference receipt file")
    Path run;

    @Option(names = "--key", paramLabel = "FILE", description = "the signing key (default: ~/.glassbox/keys/signing.key)")
    Path key;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Path k = key != null ? key : GlassboxHome.signingKey();
        if (!Files.exists(k)) {
            spec.commandLine().getErr().println("no signing key at " + k + "; create one with: glassbox keys init");
            return ExitCodes.INVALID_INPUT;
        }
        SigningKey signer = SigningKey.load(k);
        if (Files.isRegularFile(run)) {
            ai.glassbox.ledger.attestation.ReceiptAttestation.sign(run, signer);
            spec.commandLine().getOut().println("signed " + ai.glassbox.ledger.attestation.ReceiptAttestation.envelopeFile(run) + " with key " + signer.publicKey().keyId());
            return ExitCodes.OK;
        }
        RunAttestation.sign(run, signer);
        spec.commandLine().getOut().println("signed " + run.resolve(RunAttestation.FILE) + " with key " + signer.publicKey().keyId());
        return ExitCodes.OK;
    }
}
