package ai.glassbox.cli;

import ai.glassbox.ledger.attestation.AttestationException;
import ai.glassbox.ledger.attestation.RunAttestation;
import ai.glassbox.ledger.signing.EnvelopeException;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.signing.VerificationKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code glassbox verify RUN_DIR}: check a run's signature and that its files are the attested
 * ones, then, when asked, re-run its samples ({@link RerunFlags}).
 */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Verify a run's attestation: the signature by a trusted key, and every attested digest against the files in the run directory.",
            "With --rerun (or --sample K), a local-engine run's samples are then re-run and each must give its attested record bit for bit."
        })
final class VerifyCommand implements Callable<Integer> {
    @Parameters(paramLabel = "RUN_DIR", description = "a run directory holding attestation.dsse.json")
    Path run;

    @Option(names = "--trust", paramLabel = "PUB", description = "a public key (PEM) to trust; repeatable (default: this machine's own key)")
    List<Path> trust = List.of();

    @Mixin
    RerunFlags rerunFlags;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        Set<VerificationKey> keys = new HashSet<>();
        for (Path p : trust) keys.add(VerificationKey.load(p));
        if (keys.isEmpty() && Files.exists(GlassboxHome.signingKey())) keys.add(SigningKey.load(GlassboxHome.signingKey()).publicKey());
        if (keys.isEmpty()) {
            spec.commandLine().getErr().println("no trusted key: pass --trust PUB.pem (the signer's published public key)");
            return ExitCodes.INVALID_INPUT;
        }
        try {
            var v = RunAttestation.verify(run, keys);
            spec.commandLine().getOut().println("OK: signed by " + v.signer().keyId() + "; " + v.statement().subjects().size() + " attested digests match the files");
        } catch (AttestationException | EnvelopeException e) {
            spec.commandLine().getOut().println("FAILED: " + e.getMessage());
            return ExitCodes.VERIFY_FAILED;
        }
        return rerunFlags.check(run, spec.commandLine());
    }
}
