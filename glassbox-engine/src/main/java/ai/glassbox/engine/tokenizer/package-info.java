/**
 * Text to token ids and back, built from the {@code tokenizer.ggml.*} metadata of a GGUF file and
 * matching llama.cpp's {@code llama-vocab.cpp} id for id.
 *
 * <p>{@link ai.glassbox.engine.tokenizer.Tokenizer} is the entry point; two tokenizer kinds exist:
 * SentencePiece ({@code tokenizer.ggml.model = llama}) and byte-level BPE ({@code gpt2}) with a
 * pre-tokenizer chosen by {@code tokenizer.ggml.pre}. {@link
 * ai.glassbox.engine.tokenizer.StreamingDecoder} turns generated ids into text without splitting a
 * UTF-8 character.
 */
package ai.glassbox.engine.tokenizer;
