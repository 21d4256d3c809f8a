package ai.glassbox.engine.model;

/** A model whose {@code general.architecture} Glassbox cannot run. */
public final class UnsupportedArchitectureException extends ModelFormatException {
    public UnsupportedArchitectureException(String name, String supported) {
        super("unsupported architecture '" + name + "'; supported: " + supported);
    }
}
