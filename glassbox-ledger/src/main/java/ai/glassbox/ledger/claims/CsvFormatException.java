package ai.glassbox.ledger.claims;

/** A claims or model-facts CSV file breaks its format; the message names the file, the line and, where one is to blame, the column. */
public final class CsvFormatException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String file;
    private final long line;

    CsvFormatException(String file, long line, String problem) {
        super(file + (line > 0 ? " line " + line : "") + ": " + problem);
        this.file = file;
        this.line = line;
    }

    /** The file's name as the reader was given it. */
    public String file() {
        return file;
    }

    /** The 1-based line where the offending record starts; 0 when the problem is the file as a whole. */
    public long line() {
        return line;
    }
}
