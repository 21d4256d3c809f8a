package ai.glassbox.engine;

import ai.glassbox.engine.sampling.SamplingParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Builds an {@link InferenceReceipt} while a generation runs: a SHA-256 chain over the model
 * digest, the prompt tokens, the sampling parameters and, for every step, the chosen token and a
 * digest of the logits it was chosen from. Use as the generation's listener (wrapping another).
 */
public final class ReceiptRecorder implements GenerationListener {
    private final GenerationListener inner;
    private final String modelSha256;
    private final int[] prompt;
    private final SamplingParams sampling;
    private final int maxTokens;
    private final List<InferenceReceipt.Step> steps = new ArrayList<>();
    private byte[] chain;
    private ByteBuffer logitBytes = ByteBuffer.allocate(0);

    public ReceiptRecorder(String modelSha256, int[] prompt, GenerationRequest request, GenerationListener inner) {
        this.inner = inner;
        this.modelSha256 = modelSha256;
        this.prompt = prompt.clone();
        this.sampling = request.sampling();
        this.maxTokens = request.maxTokens();
        this.chain = genesis(modelSha256, prompt, request.sampling(), request.maxTokens());
    }

    @Override
    public void onText(String text) {
        inner.onText(text);
    }

    @Override
    public boolean onToken(int step, int token, float[] logits) {
        byte[] logitsDigest = logitsDigest(logits);
        chain = link(chain, step, token, logitsDigest);
        steps.add(new InferenceReceipt.Step(token, HEX.formatHex(logitsDigest), HEX.formatHex(chain)));
        return inner.onToken(step, token, logits);
    }

    /** The receipt of everything recorded so far. */
    public InferenceReceipt receipt() {
        return new InferenceReceipt(InferenceReceipt.FORMAT, modelSha256, prompt, sampling, maxTokens, steps, HEX.formatHex(chain));
    }

    static final HexFormat HEX = HexFormat.of();

    /** SHA-256("glassbox.receipt.v1" ‖ model digest ‖ prompt ‖ sampling), integers big-endian. */
    static byte[] genesis(String modelSha256, int[] prompt, SamplingParams s, int maxTokens) {
        MessageDigest md = sha256();
        md.update(InferenceReceipt.FORMAT.getBytes(StandardCharsets.UTF_8));
        md.update(HEX.parseHex(modelSha256));
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * prompt.length + 4 * 5 + 4 + 8 + 4);
        b.putInt(prompt.length);
        for (int t : prompt) b.putInt(t);
        b.putFloat(s.temperature()).putInt(s.topK()).putFloat(s.topP()).putFloat(s.minP()).putFloat(s.repeatPenalty());
        b.putInt(s.repeatLastN()).putLong(s.seed()).putInt(maxTokens);
        md.update(b.array());
        return md.digest();
    }

    /** SHA-256(previous ‖ step ‖ token ‖ logits digest). */
    static byte[] link(byte[] previous, int step, int token, byte[] logitsDigest) {
        MessageDigest md = sha256();
        md.update(previous);
        md.update(ByteBuffer.allocate(8).putInt(step).putInt(token).array());
        md.update(logitsDigest);
        return md.digest();
    }

    /** SHA-256 of the logits' raw IEEE 754 bits, little-endian. */
    byte[] logitsDigest(float[] logits) {
        if (logitBytes.capacity() < 4 * logits.length) logitBytes = ByteBuffer.allocate(4 * logits.length).order(ByteOrder.LITTLE_ENDIAN);
        logitBytes.clear();
        for (float f : logits) logitBytes.putInt(Float.floatToRawIntBits(f));
        MessageDigest md = sha256();
        md.update(logitBytes.array(), 0, 4 * logits.length);
        return md.digest();
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
