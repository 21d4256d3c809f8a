package ai.glassbox.ledger.claims;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads an RFC 4180 file whose header must be exactly the expected columns, in order, and whose
 * records all have as many fields. No value may have leading or trailing whitespace: a padded
 * name would silently be a different claim.
 */
final class StrictCsv {
    // RFC4180 keeps empty lines as records, so a stray blank line is reported instead of skipped
    private static final CSVFormat FORMAT = CSVFormat.RFC4180;

    private StrictCsv() {}

    /** {@code bytes} decoded as UTF-8, failing on malformed bytes (with the line they are on) instead of replacing them. */
    /** A bundled resource beside {@code owner}, decoded strictly. */
    static Reader resource(Class<?> owner, String name) {
        try (java.io.InputStream in = owner.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("the seed " + name + " is missing from the classpath");
            return utf8(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file, decoded strictly. @throws CsvFormatException if it can't be read */
    static Reader file(java.nio.file.Path file) {
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CsvFormatException(file.toString(), 0, "cannot be read: " + e.getMessage());
        }
        return utf8(bytes, file.toString());
    }

    static Reader utf8(byte[] bytes, String file) {
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input by default
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = decoder.decode(in, out, true);
        if (r.isError()) {
            long line = 1;
            for (int i = 0; i < in.position(); i++) if (bytes[i] == '\n') line++;
            throw new CsvFormatException(file, line, "is not valid UTF-8 at byte offset " + in.position());
        }
        decoder.flush(out);
        return new StringReader(out.flip().toString());
    }

    /** Every data record of {@code in}; {@code file} names it in errors. @throws CsvFormatException naming the file, line and column */
    static List<CsvRow> read(Reader in, String file, List<String> columns) {
        try (CSVParser parser = FORMAT.parse(in)) {
            Iterator<CSVRecord> records = parser.iterator();
            long start = 1;
            if (!next(records, file, start)) throw new CsvFormatException(file, 0, "is empty, expected the header " + String.join(",", columns));
            checkHeader(records.next().toList(), file, columns);
            List<CsvRow> rows = new ArrayList<>();
            // a record starts on the line after the previous one ended: quoted fields may span lines
            for (start = parser.getCurrentLineNumber() + 1; next(records, file, start); start = parser.getCurrentLineNumber() + 1) {
                List<String> values = records.next().toList();
                if (values.size() != columns.size()) {
                    String hint = values.size() == 1 && values.getFirst().isEmpty() ? " (an empty line)" : "";
                    throw new CsvFormatException(file, start, values.size() + (values.size() == 1 ? " field" : " fields") + ", the header has " + columns.size() + hint);
                }
                CsvRow row = new CsvRow(file, start, columns, values);
                for (String c : columns) if (!row.text(c).equals(row.text(c).strip())) throw row.error(c, "has leading or trailing whitespace");
                rows.add(row);
            }
            return rows;
        } catch (IOException e) {
            throw new CsvFormatException(file, 0, "cannot be read: " + e.getMessage());
        }
    }

    /** {@link Iterator#hasNext}, which parses the next record, with its syntax errors turned into ours. */
    private static boolean next(Iterator<CSVRecord> records, String file, long start) {
        try {
            return records.hasNext();
        } catch (UncheckedIOException e) {
            throw new CsvFormatException(file, start, "malformed record: " + e.getCause().getMessage());
        }
    }

    private static void checkHeader(List<String> header, String file, List<String> columns) {
        String expected = "; expected " + String.join(",", columns);
        if (!header.isEmpty() && header.getFirst().startsWith("\uFEFF")) throw new CsvFormatException(file, 1, "starts with a byte order mark; save it as UTF-8 without one");
        var seen = new LinkedHashSet<String>();
        for (int i = 0; i < header.size(); i++) {
            String name = header.get(i);
            if (!columns.contains(name)) throw new CsvFormatException(file, 1, "unexpected header column \"" + name + "\" (" + (i + 1) + ")" + expected);
            if (!seen.add(name)) throw new CsvFormatException(file, 1, "header column \"" + name + "\" appears twice" + expected);
        }
        for (String c : columns) if (!seen.contains(c)) throw new CsvFormatException(file, 1, "header lacks column \"" + c + "\"" + expected);
        if (!header.equals(columns)) throw new CsvFormatException(file, 1, "header columns are in another order: " + String.join(",", header) + expected);
    }
}
