package ai.glassbox.eval.run;

import ai.glassbox.eval.EvalException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A task's per-sample JSONL file, written so that a crash at any moment loses at most the lines
 * being written: lines are appended and forced to disk in batches, and on reopening a torn last
 * line (no newline, or not JSON) is cut off. Lines are in {@code doc_id} order, so the number of
 * complete lines is the number of finished samples.
 */
final class SamplesFile implements AutoCloseable {
    private final Path path;
    private final FileChannel channel;
    private final List<JsonNode> existing;

    private SamplesFile(Path path, FileChannel channel, List<JsonNode> existing) {
        this.path = path;
        this.channel = channel;
        this.existing = existing;
    }

    /** Opens (or creates) the file, keeping its complete lines and cutting a torn tail. */
    static SamplesFile open(Path path) {
        try {
            List<JsonNode> lines = new ArrayList<>();
            long good = 0;
            if (Files.exists(path)) {
                byte[] bytes = Files.readAllBytes(path);
                int start = 0;
                for (int i = 0; i < bytes.length; i++) {
                    if (bytes[i] != '\n') continue;
                    JsonNode line = parse(bytes, start, i);
                    if (line == null || !line.path("doc_id").isInt() || line.get("doc_id").asInt() != lines.size()) break;
                    lines.add(line);
                    start = i + 1;
                    good = start;
                }
            }
            FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            ch.truncate(good);
            ch.position(good);
            return new SamplesFile(path, ch, lines);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open " + path, e);
        }
    }

    private static JsonNode parse(byte[] bytes, int from, int to) {
        try {
            return Json.MAPPER.readTree(new String(bytes, from, to - from, StandardCharsets.UTF_8));
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The lines finished before this run, in order. */
    List<JsonNode> existing() {
        return existing;
    }

    /** Appends lines and forces them to disk. */
    void append(List<ObjectNode> lines) {
        StringBuilder sb = new StringBuilder();
        try {
            for (ObjectNode l : lines) sb.append(text(l)).append('\n');
            ByteBuffer buf = ByteBuffer.wrap(sb.toString().getBytes(StandardCharsets.UTF_8));
            while (buf.hasRemaining()) channel.write(buf);
            channel.force(false);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + path, e);
        }
    }

    /** A line as this file writes it, without its newline: equal records give equal text. */
    static String text(ObjectNode line) {
        try {
            return Json.MAPPER.writeValueAsString(line);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a sample record cannot be written as JSON", e);
        }
    }

    /** Every complete line of a finished file. */
    static List<JsonNode> read(Path path) {
        try (SamplesFile f = open(path)) {
            return f.existing();
        }
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            throw new EvalException("cannot close " + path, e);
        }
    }
}
