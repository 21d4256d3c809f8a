package ai.glassbox.server.openai;

import ai.glassbox.server.ServedModel;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Token log-probabilities in the chat format ({@code logprobs.content[]}). */
final class Logprobs {
    private Logprobs() {}

    static ObjectNode chat(ServedModel model, GenerationStream.Token t) {
        ObjectNode n = entry(model, t.token(), t.logprob());
        ArrayNode top = n.putArray("top_logprobs");
        for (int i = 0; i < t.topTokens().length; i++) top.add(entry(model, t.topTokens()[i], t.topLogprobs()[i]));
        return n;
    }

    private static ObjectNode entry(ServedModel model, int token, double logprob) {
        byte[] bytes = model.tokenBytes(token);
        ObjectNode n = Json.object();
        n.put("token", Json.text(bytes));
        n.put("logprob", logprob);
        n.set("bytes", Json.byteArray(bytes));
        return n;
    }
}
