package ai.glassbox.engine.chat;

/**
 * The value of a missing variable, key or attribute, as Jinja2's default {@code Undefined}: falsy,
 * renders as the empty string, iterates as empty; using it in arithmetic or looking up an attribute
 * on it is an error naming {@code name}.
 */
record Undefined(String name) {}
