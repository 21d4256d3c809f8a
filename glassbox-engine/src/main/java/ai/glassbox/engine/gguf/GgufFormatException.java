package ai.glassbox.engine.gguf;

import java.nio.file.Path;

/**
 * A GGUF file that cannot be read: truncated, corrupt, hostile or of an unsupported kind. The
 * message names the file, the byte offset and the field.
 */
public final class GgufFormatException extends RuntimeException {
    private final long byteOffset;

    public GgufFormatException(Path file, long byteOffset, String message) {
        super(file + " @ byte " + byteOffset + ": " + message);
        this.byteOffset = byteOffset;
    }

    /** Byte offset in the file where the problem was found, or -1 when not tied to one. */
    public long byteOffset() {
        return byteOffset;
    }
}
