package ai.glassbox.cli;

import ai.glassbox.ledger.attestation.ModelDigest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code glassbox digest PATH}: the digest that names a model in attestations. */
@Command(name = "digest", mixinStandardHelpOptions = true,
        description = {"The digest that names a model in attestations: a file's SHA-256, or for a folder of model files the OpenSSF model-signing v1.0 root digest (SHA-256 over every file's SHA-256 in path order), with each file's."})
final class DigestCommand implements Callable<Integer> {
    @Parameters(paramLabel = "PATH", description = "a model file, or a folder of model files")
    Path path;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        ModelDigest d = ModelDigest.of(path);
        PrintWriter out = spec.commandLine().getOut();
        out.println(d.sha256() + "  " + d.name());
        if (d.multiFile()) d.resources().forEach(r -> out.println("  " + r.sha256() + "  " + r.name()));
        return ExitCodes.OK;
    }
}
