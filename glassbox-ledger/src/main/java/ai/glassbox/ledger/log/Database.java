package ai.glassbox.ledger.log;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * A ledger database reached by JDBC, its schema brought up to date by the versioned migrations in
 * {@code ai/glassbox/ledger/db/migration} when it is opened: an embedded SQLite file (the default)
 * or a shared PostgreSQL server.
 *
 * <p>SQLite runs in WAL mode with {@code synchronous=FULL}, so a committed append survives a crash
 * of the process or the machine, and begins every transaction IMMEDIATE, so concurrent writers
 * queue on the database lock (for up to {@value #BUSY_TIMEOUT_MS} ms) instead of failing on an
 * upgrade from reader to writer.
 */
public final class Database {
    static final int BUSY_TIMEOUT_MS = 30_000;
    // Migrating is routine: Flyway's progress lines would only clutter a command's output.
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    /** The SQL engines the ledger runs on; each has its own way to lock the log's head row. */
    public enum Dialect {
        SQLITE("BLOB", "SELECT origin, verifier_key, size FROM log_head WHERE id = 1"),
        POSTGRESQL("BYTEA", "SELECT origin, verifier_key, size FROM log_head WHERE id = 1 FOR UPDATE");

        private final String bytesType;
        final String lockHead;

        Dialect(String bytesType, String lockHead) {
            this.bytesType = bytesType;
            this.lockHead = lockHead;
        }
    }

    private final String url;
    private final Dialect dialect;
    private final DataSource dataSource;

    private Database(String url, Dialect dialect, DataSource dataSource) {
        this.url = url;
        this.dialect = dialect;
        this.dataSource = dataSource;
    }

    /**
     * Opens the database at a JDBC URL ({@code jdbc:sqlite:FILE} or {@code
     * jdbc:postgresql://HOST[:PORT]/DB[?user=…]}) and migrates its schema.
     *
     * @throws LedgerException if the URL names another engine, the database can't be reached, or
     *     its schema is newer than this version of Glassbox knows
     */
    public static Database open(String url) {
        Database db;
        if (url.startsWith("jdbc:sqlite:")) {
            db = sqlite(url);
        } else if (url.startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource ds = new PGSimpleDataSource();
            ds.setURL(url);
            db = new Database(url, Dialect.POSTGRESQL, ds);
        } else {
            throw new LedgerException("unsupported ledger database " + redact(url) + ": use jdbc:sqlite:FILE or jdbc:postgresql://HOST/DB");
        }
        db.migrate();
        return db;
    }

    /** Opens (creating it and its folder if needed) the SQLite ledger file {@code file}. */
    public static Database sqlite(Path file) {
        return open("jdbc:sqlite:" + file.toAbsolutePath());
    }

    private static Database sqlite(String url) {
        createFolder(url);
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
        config.setBusyTimeout(BUSY_TIMEOUT_MS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.enforceForeignKeys(true);
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl(url);
        return new Database(url, Dialect.SQLITE, ds);
    }

    // SQLite creates a missing file but not its folder; an in-memory or URI database has none.
    private static void createFolder(String url) {
        String name = url.substring("jdbc:sqlite:".length());
        int query = name.indexOf('?');
        if (query >= 0) name = name.substring(0, query);
        if (name.isEmpty() || name.startsWith(":") || name.startsWith("file:")) return;
        Path file = Path.of(name);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (java.io.IOException e) {
            throw new LedgerException("cannot create the folder of ledger " + file + ": " + e.getMessage(), e);
        }
    }

    private void migrate() {
        try {
            Flyway.configure(Database.class.getClassLoader())
                    .dataSource(dataSource)
                    .locations("classpath:ai/glassbox/ledger/db/migration")
                    .placeholders(Map.of("bytes", dialect.bytesType))
                    .loggers("org.flywaydb.core.internal.logging.javautil.JavaUtilLogCreator")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new LedgerException("cannot migrate ledger " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    /** A new connection; the caller closes it. */
    public Connection connect() {
        try {
            return dataSource.getConnection();
        } catch (SQLException e) {
            throw new LedgerException("cannot connect to ledger " + redact(url) + ": " + e.getMessage(), e);
        }
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The URL with any password removed, for messages. */
    public String displayUrl() {
        return redact(url);
    }

    static String redact(String url) {
        return url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("//[^/@]*:[^/@]*@", "//***@");
    }
}
