package ai.glassbox.server.publish;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.ModelFact;
import ai.glassbox.ledger.gap.ClaimModels;
import ai.glassbox.ledger.gap.ClaimSelection;
import ai.glassbox.ledger.gap.GapAnalysis;
import ai.glassbox.ledger.gap.PlacedClaim;
import ai.glassbox.ledger.store.Ledger;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDate;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What the API derives from a ledger at one {@link Ledger#revision()}: its models, its claims with
 * their status, its runs, and which model fact each claim and run is about. Built once per revision
 * and shared by every request until the ledger changes. Immutable apart from a cache of gap
 * analyses, and thread-safe.
 *
 * <p>A claim is about the model fact that {@link ClaimModels} places it on, or else the fact of
 * exactly its name; a run is about what its model is named as ({@link Ledger#nameModel}), found the
 * same way. Nothing is matched by similarity.
 */
final class LedgerSnapshot {
    private static final ClaimModels MAPPING = ClaimModels.seed();

    private record GapKey(LocalDate today, ClaimSelection selection) {}

    private final long revision;
    private final List<ModelFact> models;
    private final Map<String, ModelFact> byName;
    private final List<ClaimAssessment> claims;
    private final Map<Claim, ModelFact> factOfClaim;
    private final List<Ledger.Run> runs;
    private final Map<String, String> runNames;
    private final Map<String, Long> claimCounts;
    private final Map<String, Long> runCounts;
    private final Map<GapKey, GapAnalysis> gaps = new ConcurrentHashMap<>();
    private final Map<GapKey, ObjectNode> gapJson = new ConcurrentHashMap<>();
    // keyed by the snapshot's own instances: a claim's id is a digest of its canonical JSON, too dear per request
    private final Map<ClaimAssessment, ObjectNode> claimJson = new IdentityHashMap<>();

    private LedgerSnapshot(long revision, List<ModelFact> models, List<ClaimAssessment> claims, List<Ledger.Run> runs, Map<String, String> runNames) {
        this.revision = revision;
        this.models = List.copyOf(models);
        this.byName = models.stream().collect(Collectors.toMap(ModelFact::model, Function.identity(), (a, b) -> a));
        this.claims = List.copyOf(claims);
        this.runs = List.copyOf(runs);
        this.runNames = Map.copyOf(runNames);
        Map<Claim, ModelFact> placed = new IdentityHashMap<>();
        for (PlacedClaim p : MAPPING.place(this.claims.stream().map(ClaimAssessment::claim).toList(), List.copyOf(byName.values())).placed()) {
            placed.put(p.claim(), p.model());
        }
        this.factOfClaim = placed;
        for (ClaimAssessment a : this.claims) claimJson.put(a, LedgerJson.claim(a, factOf(a.claim())));
        this.claimCounts = claims.stream().flatMap(a -> factOf(a.claim()).stream()).collect(Collectors.groupingBy(ModelFact::model, Collectors.counting()));
        this.runCounts = runs.stream().flatMap(r -> factOf(r).stream()).collect(Collectors.groupingBy(ModelFact::model, Collectors.counting()));
    }

    /** Reads everything at the revision the caller just read. */
    static LedgerSnapshot read(Ledger ledger, long revision) {
        return new LedgerSnapshot(revision, ledger.models(), ledger.assessClaims(), ledger.runs(), ledger.modelNames());
    }

    long revision() {
        return revision;
    }

    /** Every model fact, by release date and then name. */
    List<ModelFact> models() {
        return models;
    }

    Optional<ModelFact> model(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every claim with its status, by model, benchmark and id. */
    List<ClaimAssessment> claims() {
        return claims;
    }

    /** Every run, in log order. */
    List<Ledger.Run> runs() {
        return runs;
    }

    /** How many claims are about the model fact {@code model}. */
    long claimCount(String model) {
        return claimCounts.getOrDefault(model, 0L);
    }

    /** How many runs measure the model fact {@code model}. */
    long runCount(String model) {
        return runCounts.getOrDefault(model, 0L);
    }

    /** The model fact one of {@link #claims}' claims is about, if the mapping or its exact name says. */
    Optional<ModelFact> factOf(Claim claim) {
        ModelFact placed = factOfClaim.get(claim);
        return placed != null ? Optional.of(placed) : model(claim.model());
    }

    /** The model fact a run measures: what it was named as, mapped as a claim's model would be. */
    Optional<ModelFact> factOf(Ledger.Run run) {
        String named = runNames.getOrDefault(run.model(), run.model());
        return MAPPING.lookup(named).flatMap(row -> row.model()).flatMap(this::model).or(() -> model(named));
    }

    /**
     * The JSON ({@link LedgerJson#claim}) of one of {@link #claims}, built with the snapshot:
     * requests only place the shared node in their answer, and must not change it.
     */
    ObjectNode claimJson(ClaimAssessment a) {
        ObjectNode o = claimJson.get(a);
        if (o == null) throw new IllegalArgumentException("not a claim of this snapshot: " + a.claim().model() + " on " + a.claim().benchmark());
        return o;
    }

    /** {@link GapJson} of every series of {@link #gap}, built once per day and selection; shared, so not to be changed. */
    ObjectNode gapJson(LocalDate today, ClaimSelection selection, String claimedBy) {
        return gapJson.computeIfAbsent(new GapKey(today, selection), k -> {
            GapAnalysis gap = gap(today, selection);
            return GapJson.of(gap, claimedBy, gap.series());
        });
    }

    /** The gap analysis of this revision's claims and models, computed once per day and selection. */
    GapAnalysis gap(LocalDate today, ClaimSelection selection) {
        return gaps.computeIfAbsent(new GapKey(today, selection), k -> GapAnalysis.of(claims.stream().map(ClaimAssessment::claim).toList(), models, MAPPING, k.today(), k.selection()));
    }
}
