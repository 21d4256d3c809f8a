package ai.glassbox.engine.tokenizer;

import ai.glassbox.engine.gguf.GgufMetadata;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * Converts text to token ids and back exactly as llama.cpp does for the same GGUF file: same ids for
 * the same text, same special-token handling, same bytes for each id.
 *
 * <p>Built once per model from its metadata with {@link #fromGguf}; immutable and safe to use from
 * several threads at once. Token ids are {@code 0 <= id < vocabSize()}; methods taking an id throw
 * {@link IllegalArgumentException} for any other value.
 */
public final class Tokenizer {
    static final String MODEL_KEY = "tokenizer.ggml.model";
    static final String ADD_BOS_KEY = "tokenizer.ggml.add_bos_token";
    static final String ADD_EOS_KEY = "tokenizer.ggml.add_eos_token";
    static final String ADD_SPACE_PREFIX_KEY = "tokenizer.ggml.add_space_prefix";

    private final Vocabulary vocab;
    private final PieceEncoder encoder;
    private final SpecialTokenSplitter splitter;
    private final boolean addBos;
    private final boolean addEos;
    private final boolean addSpacePrefix;

    private Tokenizer(Vocabulary vocab, PieceEncoder encoder, boolean addBos, boolean addEos, boolean addSpacePrefix) {
        this.vocab = vocab;
        this.encoder = encoder;
        this.splitter = new SpecialTokenSplitter(vocab);
        this.addBos = addBos;
        this.addEos = addEos;
        this.addSpacePrefix = addSpacePrefix;
    }

    /**
     * Builds the tokenizer described by {@code tokenizer.ggml.*} metadata. Supports
     * {@code tokenizer.ggml.model} {@code llama} (SentencePiece) and {@code gpt2} (byte-level BPE).
     *
     * @throws TokenizerFormatException if a key is missing or malformed, or names an unsupported
     *     tokenizer model or pre-tokenizer; the message names the key
     */
    public static Tokenizer fromGguf(GgufMetadata md) {
        String model = md.string(MODEL_KEY).orElseThrow(() -> new TokenizerFormatException("missing metadata " + MODEL_KEY));
        return switch (model) {
            case "llama" -> {
                // llama.cpp's SPM defaults: <unk> 0, <s> 1, </s> 2; BOS added, a space prefixed
                Vocabulary v = new Vocabulary(md, new SpecialTokenIds(1, 2, -1, -1, 0, -1, -1, -1, -1));
                yield create(md, v, new SentencePieceEncoder(v), true, md.bool(ADD_SPACE_PREFIX_KEY).orElse(true));
            }
            case "gpt2" -> {
                // llama.cpp's BPE default of 11 for BOS and EOS only matters when the metadata has none
                Vocabulary v = new Vocabulary(md, new SpecialTokenIds(11, 11, -1, -1, -1, -1, -1, -1, -1));
                BpeVariant variant = BpeVariant.named(md.string(BpeVariant.PRE_KEY).orElse("default"));
                String[] merges = md.strings(BytePairEncoder.MERGES_KEY)
                        .orElseThrow(() -> new TokenizerFormatException("missing metadata " + BytePairEncoder.MERGES_KEY + " for a gpt2 tokenizer"));
                PieceEncoder bpe = new BytePairEncoder(v, merges, variant.preTokenizer(), variant.ignoreMerges());
                yield create(md, v, bpe, variant.addBosByDefault(), md.bool(ADD_SPACE_PREFIX_KEY).orElse(false));
            }
            default -> throw new TokenizerFormatException("metadata " + MODEL_KEY + " = '" + model + "' is not a supported tokenizer; supported: gpt2, llama");
        };
    }

    private static Tokenizer create(GgufMetadata md, Vocabulary v, PieceEncoder encoder, boolean addBosDefault, boolean addSpacePrefix) {
        boolean addBos = md.bool(ADD_BOS_KEY).orElse(addBosDefault);
        boolean addEos = md.bool(ADD_EOS_KEY).orElse(false);
        if (addBos && v.special().bos() < 0) throw new TokenizerFormatException("metadata " + ADD_BOS_KEY + " is true, but tokenizer.ggml.bos_token_id is not set");
        if (addEos && v.special().eos() < 0) throw new TokenizerFormatException("metadata " + ADD_EOS_KEY + " is true, but tokenizer.ggml.eos_token_id is not set");
        return new Tokenizer(v, encoder, addBos, addEos, addSpacePrefix);
    }

    /**
     * Tokenizes {@code text} (llama.cpp's {@code llama_tokenize}).
     *
     * @param addSpecial add BOS in front and EOS at the end where the vocabulary asks for them
     *     ({@code tokenizer.ggml.add_bos_token}, {@code add_eos_token}, defaulting like llama.cpp:
     *     BOS for SentencePiece and Llama 3 style BPE, no EOS)
     * @param parseSpecial turn control tokens written in the text, such as {@code <|im_start|>},
     *     into their ids; when false they are tokenized as text. User-defined tokens are always
     *     recognised, as in llama.cpp.
     * @return the token ids; empty for empty text without special tokens
     */
    public int[] encode(String text, boolean addSpecial, boolean parseSpecial) {
        Objects.requireNonNull(text, "text");
        TokenIdBuffer out = new TokenIdBuffer();
        if (addSpecial && addBos) out.add(vocab.special().bos());
        // SentencePiece prefixes a space to the text at the start and after each special token
        boolean afterSpecial = true;
        for (Fragment f : splitter.split(text, parseSpecial)) {
            switch (f) {
                case Fragment.Token(int id) -> {
                    out.add(id);
                    afterSpecial = true;
                }
                case Fragment.Text(String t) -> {
                    boolean prefix = switch (encoder) {
                        case SentencePieceEncoder spm -> addSpacePrefix && afterSpecial;
                        case BytePairEncoder bpe -> false;
                    };
                    encoder.encode(prefix ? " " + t : t, out);
                    afterSpecial = false;
                }
            }
        }
        if (addSpecial && addEos) out.add(vocab.special().eos());
        return out.toArray();
    }

    /**
     * The text of {@code ids}, control tokens written out, as llama-server's {@code /detokenize}
     * gives it: the bytes of each token concatenated and read as UTF-8 (malformed sequences become
     * U+FFFD). No spaces are removed or added.
     */
    public String decode(int[] ids) {
        return decode(ids, true);
    }

    /** Like {@link #decode(int[])}; with {@code renderSpecial} false control and unknown tokens add nothing. */
    public String decode(int[] ids, boolean renderSpecial) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int id : ids) out.writeBytes(tokenBytes(id, renderSpecial));
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The bytes token {@code id} stands for, control tokens written out ({@link #tokenBytes(int, boolean)} with true). */
    public byte[] tokenBytes(int id) {
        return tokenBytes(id, true);
    }

    /**
     * The raw bytes token {@code id} stands for (llama.cpp's {@code token_to_piece}): for
     * SentencePiece "▁" becomes a space and {@code <0xNN>} the byte NN; for BPE the byte-level
     * alphabet is reversed. Control and unknown tokens give their text when {@code renderSpecial},
     * otherwise nothing; user-defined tokens always give their text; unused tokens give nothing.
     * The result may be part of a UTF-8 character.
     */
    public byte[] tokenBytes(int id, boolean renderSpecial) {
        int a = vocab.attributes(checkId(id));
        if (!renderSpecial && TokenAttributes.has(a, TokenAttributes.CONTROL | TokenAttributes.UNKNOWN)) return new byte[0];
        String piece = vocab.piece(id);
        if (TokenAttributes.has(a, TokenAttributes.CONTROL | TokenAttributes.UNKNOWN | TokenAttributes.USER_DEFINED)) {
            return piece.getBytes(StandardCharsets.UTF_8);
        }
        if (TokenAttributes.has(a, TokenAttributes.NORMAL)) return encoder.normalPieceBytes(piece);
        if (TokenAttributes.has(a, TokenAttributes.BYTE)) return new byte[] {byteOf(id, piece)};
        return new byte[0];
    }

    private static byte byteOf(int id, String piece) {
        if (piece.length() != 6 || !piece.startsWith("<0x") || !piece.endsWith(">")) {
            throw new TokenizerFormatException("metadata " + Vocabulary.TOKENS_KEY + "[" + id + "] = '" + piece + "' is typed byte but is not <0xNN>");
        }
        return (byte) Integer.parseInt(piece, 3, 5, 16);
    }

    /** A decoder that turns ids fed one at a time into text without splitting UTF-8 characters. */
    public StreamingDecoder streamingDecoder(boolean renderSpecial) {
        return new StreamingDecoder(this, renderSpecial);
    }

    /** The number of tokens in the vocabulary. */
    public int vocabSize() {
        return vocab.size();
    }

    /** The vocabulary's text for token {@code id}, as stored in the GGUF file (e.g. "▁the", "Ġthe", "<0x0A>"). */
    public String piece(int id) {
        return vocab.piece(checkId(id));
    }

    /** The id whose stored text is exactly {@code piece}, if any. */
    public OptionalInt tokenId(String piece) {
        int id = vocab.id(Objects.requireNonNull(piece, "piece"));
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    /** The beginning-of-sequence token. */
    public OptionalInt bos() {
        return optional(vocab.special().bos());
    }

    /** The end-of-sequence token. */
    public OptionalInt eos() {
        return optional(vocab.special().eos());
    }

    /** The end-of-turn token, from metadata or found by its text like llama.cpp does. */
    public OptionalInt eot() {
        return optional(vocab.special().eot());
    }

    /** Whether BOS is added by {@link #encode} with {@code addSpecial}. */
    public boolean addsBos() {
        return addBos;
    }

    /**
     * Whether generating {@code id} ends generation: EOS, EOT, EOM and the tokens llama.cpp
     * recognises by text ({@code <|eot_id|>}, {@code <|im_end|>}, {@code <|endoftext|>}, …).
     */
    public boolean isEndOfGeneration(int id) {
        return vocab.isEndOfGeneration(checkId(id));
    }

    /** Whether {@code id} is a control token (BOS, EOS, chat markers). */
    public boolean isControl(int id) {
        return TokenAttributes.has(vocab.attributes(checkId(id)), TokenAttributes.CONTROL);
    }

    private int checkId(int id) {
        if (id < 0 || id >= vocab.size()) throw new IllegalArgumentException("token id " + id + " is out of range for a vocabulary of " + vocab.size() + " tokens");
        return id;
    }

    private static OptionalInt optional(int id) {
        return id < 0 ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public String toString() {
        return "Tokenizer[" + encoder.getClass().getSimpleName() + ", " + vocab + "]";
    }
}
