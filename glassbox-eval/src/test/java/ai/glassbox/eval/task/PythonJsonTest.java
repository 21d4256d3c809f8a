package ai.glassbox.eval.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.junit.jupiter.api.Test;

/** Expected strings are Python 3's {@code json.dumps(value, ensure_ascii=False)}. */
class PythonJsonTest {
    @Test
    void escapesAsPythonDoesAndWritesNonAsciiRaw() throws Exception {
        var node = new ObjectMapper().readTree(
                "{\"a\":\"q\\\"b\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\\u007f \u00e9 \ud83d\ude00 \\u2028\",\"n\":[1,-2,[\"x\"]],\"e\":{},\"l\":[]}");
        assertEquals("{\"a\": \"q\\\"b\\\\\\n\\r\\t\\b\\f\\u0001\\u001f\u007f \u00e9 \ud83d\ude00 \u2028\", \"n\": [1, -2, [\"x\"]], \"e\": {}, \"l\": []}",
                PythonJson.dumps(node));
    }

    @Test
    void keepsKeyInsertionOrder() {
        var node = JsonNodeFactory.instance.objectNode().put("z", 1).put("a", "x").put("m", 12345678901L);
        assertEquals("{\"z\": 1, \"a\": \"x\", \"m\": 12345678901}", PythonJson.dumps(node));
    }

    @Test
    void refusesValuesTheDatasetsNeverHold() {
        assertThrows(IllegalArgumentException.class, () -> PythonJson.dumps(JsonNodeFactory.instance.numberNode(0.5)));
    }
}
