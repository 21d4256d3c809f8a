package ai.glassbox.cli;

import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.signing.VerificationKey;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code glassbox keys init | show}: the Ed25519 key that signs this machine's runs. */
@Command(name = "keys", mixinStandardHelpOptions = true, description = "Create or show the signing key (Ed25519) that attests runs.",
        subcommands = {KeysCommand.Init.class, KeysCommand.Show.class})
final class KeysCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return ExitCodes.OK;
    }

    @Command(name = "init", mixinStandardHelpOptions = true, description = "Create a new signing key (never overwrites one).")
    static final class Init implements Callable<Integer> {
        @Option(names = "--key", paramLabel = "FILE", description = "where to write it (default: ~/.glassbox/keys/signing.key)")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            Path f = file != null ? file : GlassboxHome.signingKey();
            if (Files.exists(f)) {
                spec.commandLine().getErr().println("a signing key already exists at " + f + "; it is kept (delete it yourself to replace it)");
                return ExitCodes.INVALID_INPUT;
            }
            SigningKey key = SigningKey.generate();
            key.save(f);
            PrintWriter out = spec.commandLine().getOut();
            out.println("created " + f + " (readable only by you) and " + f + ".pub");
            out.println("key id: " + key.publicKey().keyId());
            return ExitCodes.OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print the public key and its fingerprint (the key id).")
    static final class Show implements Callable<Integer> {
        @Option(names = "--key", paramLabel = "FILE", description = "the signing key (default: ~/.glassbox/keys/signing.key)")
        Path file;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            Path f = file != null ? file : GlassboxHome.signingKey();
            if (!Files.exists(f)) {
                spec.commandLine().getErr().println("no signing key at " + f + "; create one with: glassbox keys init");
                return ExitCodes.INVALID_INPUT;
            }
            VerificationKey pub = SigningKey.load(f).publicKey();
            PrintWriter out = spec.commandLine().getOut();
            out.println("key id: " + pub.keyId());
            out.print(pub.pem());
            return ExitCodes.OK;
        }
    }
}
