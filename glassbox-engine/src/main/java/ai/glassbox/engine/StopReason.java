package ai.glassbox.engine;

/** Why generation ended. */
public enum StopReason {
    /** The model produced an end-of-generation token (EOS, EOT, …). */
    END_OF_GENERATION,
    /** The text contained a stop string. */
    STOP_STRING,
    /** {@link GenerationRequest#maxTokens()} tokens were generated. */
    MAX_TOKENS,
    /** The context is full. */
    CONTEXT_FULL,
    /** The listener asked to stop. */
    CANCELLED
}
