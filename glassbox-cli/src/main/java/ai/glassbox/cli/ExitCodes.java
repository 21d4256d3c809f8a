package ai.glassbox.cli;

import ai.glassbox.engine.gguf.GgufFormatException;
import ai.glassbox.engine.model.ContextOverflowException;
import ai.glassbox.engine.model.ModelFormatException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/** Named exit codes and the one place exceptions become them. */
final class ExitCodes {
    static final int OK = 0;
    static final int SOFTWARE = 1;
    static final int USAGE = 2;
    static final int INVALID_INPUT = 3;
    static final int IO = 4;
    static final int VERIFY_FAILED = 5;

    private ExitCodes() {}

    static int forException(Throwable e) {
        return switch (e) {
            case CommandLine.ParameterException p -> USAGE;
            case GgufFormatException g -> INVALID_INPUT;
            case ModelFormatException m -> INVALID_INPUT;
            case ContextOverflowException c -> INVALID_INPUT;
            case IllegalArgumentException i -> INVALID_INPUT;
            case ai.glassbox.ledger.log.DuplicateEntryException d -> INVALID_INPUT;
            case ai.glassbox.ledger.log.LedgerException l -> IO;
            case ai.glassbox.ledger.note.NoteException n -> VERIFY_FAILED;
            case ai.glassbox.ledger.signing.EnvelopeException n -> VERIFY_FAILED;
            case ai.glassbox.ledger.signing.KeyException k -> INVALID_INPUT;
            case ai.glassbox.ledger.attestation.AttestationException a -> INVALID_INPUT;
            case ai.glassbox.eval.EvalException x -> INVALID_INPUT;
            case ai.glassbox.eval.ModelException x -> IO;
            case UncheckedIOException u -> IO;
            case java.io.IOException u -> IO;
            default -> SOFTWARE;
        };
    }

    /** Prints a one-line error (the stack trace only with GLASSBOX_DEBUG set) and maps the exit code. */
    static int handle(Exception e, CommandLine cl, CommandLine.ParseResult parsed) {
        cl.getErr().println("glassbox " + cl.getCommandName() + ": " + e.getMessage());
        if (System.getenv("GLASSBOX_DEBUG") != null) e.printStackTrace(cl.getErr());
        return forException(e);
    }
}
