package ai.glassbox.ledger.note;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import ai.glassbox.ledger.note.NoteException.Reason;
import java.util.function.Supplier;
import org.junit.jupiter.api.function.Executable;

/** Assertions that a note is rejected, and for the right reason. */
final class Rejections {
    private Rejections() {}

    static NoteException assertRejected(Reason reason, Executable call, String what) {
        NoteException e = assertThrows(NoteException.class, call, () -> "accepted " + what);
        assertEquals(reason, e.reason(), () -> what + ": " + e.getMessage());
        assertFalse(e.getMessage().isBlank(), what);
        return e;
    }

    static NoteException assertRejected(Executable call, Supplier<String> what) {
        return assertThrows(NoteException.class, call, () -> "accepted " + what.get());
    }
}
