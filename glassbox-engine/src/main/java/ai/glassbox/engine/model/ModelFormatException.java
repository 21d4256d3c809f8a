package ai.glassbox.engine.model;

/**
 * A GGUF file that parses but does not describe a model Glassbox can run: a missing or
 * inconsistent metadata key or tensor. The message names the key or tensor.
 */
public class ModelFormatException extends RuntimeException {
    public ModelFormatException(String message) {
        super(message);
    }
}
