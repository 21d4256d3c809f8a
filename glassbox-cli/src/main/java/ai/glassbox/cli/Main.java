package ai.glassbox.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code glassbox} command. Only this class exits the JVM. */
@Command(
        name = "glassbox",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = "Run, serve, evaluate and attest open-weight language models, reproducibly.",
        subcommands = {
            InfoCommand.class,
            RunCommand.class,
            ChatCommand.class,
            TokenizeCommand.class,
            SynthCommand.class,
            ReplayCommand.class,
            BenchCommand.class,
            EvalCommand.class,
            ServeCommand.class,
            UpCommand.class,
            SubmitCommand.class,
            BenchServeCommand.class,
            BenchLedgerCommand.class,
            KeysCommand.class,
            AttestCommand.class,
            VerifyCommand.class,
            LogCommand.class,
            ClaimsCommand.class,
            DigestCommand.class,
            GapCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements Runnable {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** A command line with Glassbox's exception-to-exit-code mapping installed. */
    public static CommandLine commandLine() {
        return new CommandLine(new Main())
                .setExecutionExceptionHandler(ExitCodes::handle)
                .setExitCodeExceptionMapper(ExitCodes::forException);
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Main.class.getPackage().getImplementationVersion();
            return new String[] {"glassbox " + (v == null ? "development build" : v)};
        }
    }
}
