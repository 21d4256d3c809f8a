package ai.glassbox.cli;

import ai.glassbox.engine.InferenceReceipt;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** Reads and writes inference receipts as JSON files. */
final class ReceiptJson {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReceiptJson() {}

    static void write(InferenceReceipt receipt, Path file) {
        try {
            JSON.writeValue(file.toFile(), receipt);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write receipt " + file + ": " + e.getMessage(), e);
        }
    }

    static InferenceReceipt read(Path file) {
        try {
            return JSON.readValue(file.toFile(), InferenceReceipt.class);
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw new IllegalArgumentException("receipt " + file + " is malformed: " + e.getOriginalMessage()
                    + (e.getLocation() != null ? " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() : ""), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read receipt " + file + ": " + e.getMessage(), e);
        }
    }
}
