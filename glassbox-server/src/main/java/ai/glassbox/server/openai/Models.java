package ai.glassbox.server.openai;

import ai.glassbox.server.ServedModel;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The hosted models by id, and {@code GET /v1/models}. */
public final class Models {
    private final Map<String, ServedModel> byId;

    /** @param models the models, possibly none (a server that only publishes the ledger) */
    public Models(List<ServedModel> models) {
        var m = new LinkedHashMap<String, ServedModel>();
        for (ServedModel s : models) {
            if (m.putIfAbsent(s.id(), s) != null) throw new IllegalArgumentException("two models have the id " + s.id() + "; give one an alias");
        }
        this.byId = Map.copyOf(m);
        this.order = List.copyOf(m.values());
    }

    private final List<ServedModel> order;

    public List<ServedModel> all() {
        return order;
    }

    /** @throws ApiException 404 naming the field {@code model} when no model has that id */
    ServedModel resolve(String id) {
        ServedModel m = byId.get(id);
        if (m == null) throw ApiException.notFound("model", "the model '" + id + "' does not exist; this server has " + order.stream().map(ServedModel::id).toList());
        return m;
    }

    public void list(ServerRequest req, ServerResponse res) {
        ObjectNode root = Json.object();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        for (ServedModel m : order) {
            data.addObject().put("id", m.id()).put("object", "model").put("created", m.createdEpochSeconds()).put("owned_by", "glassbox");
        }
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.send(Json.bytes(root));
    }
}
