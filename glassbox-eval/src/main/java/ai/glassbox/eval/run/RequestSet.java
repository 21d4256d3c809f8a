package ai.glassbox.eval.run;

import ai.glassbox.eval.task.Sample;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The SHA-256 of a task's complete request set: for each sample in order, the UTF-8 bytes of the
 * line {@code {"doc_id":i,"requests":[...]}} and a newline. Any change to a prompt, a delimiter,
 * a few-shot example or a stop sequence changes it, which is why the hashes are pinned in a
 * golden file (as lm-evaluation-harness pins its {@code tests/testdata} hashes).
 */
public final class RequestSet {
    private RequestSet() {}

    public static String sha256(List<Sample> samples) {
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        for (int i = 0; i < samples.size(); i++) {
            ObjectNode line = JsonNodeFactory.instance.objectNode();
            line.put("doc_id", i);
            line.set("requests", SampleRecord.requests(samples.get(i).requests()));
            try {
                sha.update(Json.MAPPER.writeValueAsString(line).getBytes(StandardCharsets.UTF_8));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
            sha.update((byte) '\n');
        }
        return HexFormat.of().formatHex(sha.digest());
    }
}
