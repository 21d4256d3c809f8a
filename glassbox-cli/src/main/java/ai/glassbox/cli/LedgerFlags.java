package ai.glassbox.cli;

import ai.glassbox.ledger.note.NoteSigner;
import ai.glassbox.ledger.note.NoteVerifier;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.store.Ledger;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * Which ledger a command uses ({@code --db}: the SQLite file under the Glassbox home by default,
 * or a shared PostgreSQL) and the key that signs its checkpoints ({@code --log-key}: the machine's
 * signing key by default).
 */
final class LedgerFlags {
    @Option(names = "--db", paramLabel = "URL",
            description = "ledger database: jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB?user=U (default: $GLASSBOX_DB, else jdbc:sqlite:~/.glassbox/ledger.db)")
    String db;

    @Option(names = "--log-key", paramLabel = "FILE",
            description = "the private key that signs the log's checkpoints (default: ~/.glassbox/keys/signing.key)")
    Path logKey;

    String url() {
        if (db != null && !db.isBlank()) return db;
        String env = System.getenv("GLASSBOX_DB");
        if (env != null && !env.isBlank()) return env;
        return "jdbc:sqlite:" + GlassboxHome.dir().resolve("ledger.db").toAbsolutePath();
    }

    Ledger open() {
        return Ledger.open(url());
    }

    /** Whether a key to sign checkpoints with exists. */
    boolean canSign() {
        return Files.exists(keyFile());
    }

    /** The log's signer; its name, the log's origin, is derived from the key so each key names one log. */
    NoteSigner logSigner() {
        SigningKey key = SigningKey.load(keyFile());
        return new NoteSigner(origin(key), key);
    }

    /** The verifier of this machine's own log, for checking checkpoints when no other is given. */
    NoteVerifier ownLogVerifier() {
        return logSigner().verifier();
    }

    static String origin(SigningKey key) {
        return "glassbox.local/" + key.publicKey().keyId().substring(0, 16);
    }

    private Path keyFile() {
        return logKey != null ? logKey : GlassboxHome.signingKey();
    }
}
