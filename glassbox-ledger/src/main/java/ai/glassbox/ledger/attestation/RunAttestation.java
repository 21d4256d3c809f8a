package ai.glassbox.ledger.attestation;

import ai.glassbox.ledger.Sha256;
import ai.glassbox.ledger.signing.Envelope;
import ai.glassbox.ledger.signing.SigningKey;
import ai.glassbox.ledger.signing.VerificationKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The attestation of an evaluation run directory ({@code manifest.json}, {@code results.json},
 * {@code samples_TASK.jsonl}): subjects are the model file's SHA-256 (for local-engine runs), each
 * dataset's SHA-256, and the SHA-256 of every per-sample file and of {@code results.json}; the
 * predicate carries the manifest (task versions, request-set hashes, backend, engine, seed) and
 * the results (metrics with standard errors).
 */
public final class RunAttestation {
    /** The predicate type of an evaluation run, versioned. */
    public static final String PREDICATE_TYPE = "https://glassbox.ai/attestation/eval-run/v1";
    /** The signed envelope's name in the run directory. */
    public static final String FILE = "attestation.dsse.json";

    private static final ObjectMapper JSON = new ObjectMapper();

    private RunAttestation() {}

    /** What was verified: the signer, and the statement whose subjects match the files. */
    public record Verified(VerificationKey signer, Statement statement) {}

    /** The statement for {@code runDir}. @throws AttestationException if it is not a complete run */
    public static Statement statement(Path runDir) {
        JsonNode manifest = read(runDir.resolve("manifest.json"));
        JsonNode results = read(runDir.resolve("results.json"));
        List<Statement.Subject> subjects = new ArrayList<>();
        JsonNode model = manifest.path("model");
        String modelDigest = model.path("properties").path("sha256").asText("");
        if (!modelDigest.isEmpty()) subjects.add(Statement.Subject.sha256("model:" + model.path("name").asText(), modelDigest));
        Map<String, String> datasets = new TreeMap<>();
        manifest.path("tasks").forEach(t -> datasets.put(t.path("dataset_file").asText(), t.path("dataset_sha256").asText()));
        datasets.forEach((file, sha) -> subjects.add(Statement.Subject.sha256("dataset:" + file, sha)));
        for (Path f : runFiles(runDir)) subjects.add(Statement.Subject.sha256(f.getFileName().toString(), sha256(f)));
        ObjectNode predicate = JSON.createObjectNode();
        predicate.set("manifest", manifest);
        for (String field : List.of("results", "groups", "group_subtasks", "versions", "n-shot", "n-samples")) {
            JsonNode value = results.path(field);
            if (!value.isObject()) throw new AttestationException(runDir.resolve("results.json") + " has no object \"" + field + "\": is this a finished run directory?");
            predicate.set(field, value);
        }
        return new Statement(subjects, PREDICATE_TYPE, predicate);
    }

    /** Signs the run and writes {@value #FILE} into it (replacing an older one atomically). */
    public static Envelope sign(Path runDir, SigningKey key) {
        Envelope env = Envelope.sign(Statement.PAYLOAD_TYPE, statement(runDir).canonicalBytes(), key);
        Path file = runDir.resolve(FILE), tmp = runDir.resolve(FILE + ".tmp");
        try {
            Files.write(tmp, env.toJson());
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new AttestationException("cannot write " + file + ": " + e.getMessage());
        }
        return env;
    }

    /**
     * Checks the run's envelope: a signature by one of {@code trusted}, a statement of this
     * predicate type, and subjects whose digests match the files in the directory now.
     *
     * @throws AttestationException or {@link ai.glassbox.ledger.signing.EnvelopeException}
     *     naming the first problem: the signature, a file that changed, a file missing from the
     *     attestation or from the directory
     */
    public static Verified verify(Path runDir, Set<VerificationKey> trusted) {
        Path file = runDir.resolve(FILE);
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new AttestationException(runDir + " has no readable " + FILE + ": run `glassbox attest` first");
        }
        Envelope env = Envelope.parse(bytes);
        VerificationKey signer = env.verify(Statement.PAYLOAD_TYPE, trusted);
        Statement signed = Statement.parse(env.payload());
        if (!PREDICATE_TYPE.equals(signed.predicateType())) throw new AttestationException("predicateType is " + signed.predicateType() + ", expected " + PREDICATE_TYPE);
        Statement now = statement(runDir);
        Map<String, String> signedDigests = new TreeMap<>(), nowDigests = new TreeMap<>();
        signed.subjects().forEach(s -> signedDigests.put(s.name(), s.digest().get("sha256")));
        now.subjects().forEach(s -> nowDigests.put(s.name(), s.digest().get("sha256")));
        for (var e : signedDigests.entrySet()) {
            String current = nowDigests.get(e.getKey());
            if (current == null) throw new AttestationException(e.getKey() + " is attested but missing from " + runDir);
            if (!current.equals(e.getValue())) throw new AttestationException(e.getKey() + " has changed since it was attested: SHA-256 " + current + ", attested " + e.getValue());
        }
        for (String name : nowDigests.keySet()) if (!signedDigests.containsKey(name)) throw new AttestationException(name + " is in " + runDir + " but not in its attestation");
        // compared as canonical bytes: 1.0 in the run's JSON reads back as the integer 1 from the signed form
        if (!java.util.Arrays.equals(CanonicalJson.bytes(signed.predicate()), CanonicalJson.bytes(now.predicate()))) throw new AttestationException("the run's manifest or results differ from the attested ones");
        return new Verified(signer, signed);
    }

    /**
     * The run's {@code samples_TASK.jsonl} files by name, with their exact bytes: what the ledger
     * stores beside the run's envelope ({@code Ledger.recordRun}).
     *
     * @throws AttestationException if the directory or a file can't be read
     */
    public static SortedMap<String, byte[]> sampleFiles(Path runDir) {
        SortedMap<String, byte[]> files = new TreeMap<>();
        for (Path f : runFiles(runDir)) {
            String name = f.getFileName().toString();
            if (!name.startsWith("samples_")) continue;
            try {
                files.put(name, Files.readAllBytes(f));
            } catch (IOException e) {
                throw new AttestationException("cannot read " + f + ": " + e.getMessage());
            }
        }
        return files;
    }

    private static List<Path> runFiles(Path runDir) {
        List<Path> out = new ArrayList<>();
        out.add(runDir.resolve("results.json"));
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(runDir, "samples_*.jsonl")) {
            ds.forEach(out::add);
        } catch (IOException e) {
            throw new AttestationException("cannot list " + runDir + ": " + e.getMessage());
        }
        out.sort(null);
        return out;
    }

    private static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new AttestationException(file + " is missing or not JSON: is this a finished run directory?");
        }
    }

    private static String sha256(Path file) {
        try {
            return HexFormat.of().formatHex(Sha256.ofFile(file));
        } catch (java.io.UncheckedIOException e) {
            throw new AttestationException(e.getMessage());
        }
    }
}
