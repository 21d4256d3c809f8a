package ai.glassbox.ledger.log;

import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.signing.SigningKey;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * A child process for {@link KillDuringAppendsTest}: appends entries to a ledger as fast as it
 * can, printing {@code ACK <index> <entry>} after each append returns, until it is killed.
 * Arguments: JDBC URL, signing key file, log origin, entry prefix.
 */
public final class AppendUntilKilled {
    public static void main(String[] args) {
        TransparencyLog log = new TransparencyLog(Database.open(args[0]));
        NoteSigner signer = new NoteSigner(args[2], SigningKey.load(Path.of(args[1])));
        System.out.println("READY");
        System.out.flush();
        for (long i = 0; ; i++) {
            String entry = args[3] + "-" + i;
            long index = log.append(signer, "test", entry.getBytes(StandardCharsets.UTF_8)).firstIndex();
            System.out.println("ACK " + index + " " + entry);
            System.out.flush();
        }
    }
}
