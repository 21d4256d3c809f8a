package ai.glassbox.eval.request;

import java.util.Objects;

/** The answer to a {@link GenerateUntil} request: the generated text, without the stop sequence. */
public record GenerationResponse(String text) implements Response {
    public GenerationResponse {
        Objects.requireNonNull(text, "text");
    }
}
