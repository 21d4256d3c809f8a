package ai.glassbox.engine.chat;

import java.util.List;
import java.util.Map;

/** Something a template can call: a global function, a macro, or a bound string/list/dict method. */
@FunctionalInterface
interface Invocable {
    Object invoke(Position at, List<Object> args, Map<String, Object> kwargs);
}
