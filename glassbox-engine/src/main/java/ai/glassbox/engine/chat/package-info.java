/**
 * Chat templates: a Jinja2 interpreter (lexer, parser, sealed syntax tree, evaluator) that renders a
 * model's {@code tokenizer.chat_template} exactly as llama.cpp does, and {@link
 * ai.glassbox.engine.chat.ReasoningSplitter}, which separates {@code <think>} reasoning from the answer
 * in streamed output. Entry points: {@link ai.glassbox.engine.chat.ChatTemplate}, {@link
 * ai.glassbox.engine.chat.ChatMessage}, {@link ai.glassbox.engine.chat.RenderOptions}.
 */
package ai.glassbox.engine.chat;
