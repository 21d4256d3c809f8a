package ai.glassbox.cli;

import ai.glassbox.ledger.claims.Claim;
import ai.glassbox.ledger.claims.ClaimAssessment;
import ai.glassbox.ledger.claims.ClaimStatus;
import ai.glassbox.ledger.claims.Claims;
import ai.glassbox.ledger.store.Ledger;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code glassbox claims …}: published scores, and whether attested runs bear them out. */
@Command(name = "claims", mixinStandardHelpOptions = true,
        description = "Vendors' and third parties' claimed scores, held against the attested runs in the ledger.",
        subcommands = {ClaimsCommand.Import.class, ClaimsCommand.Status.class, ClaimsCommand.Name.class})
final class ClaimsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import claims from a CSV file (model,benchmark,score,setting,claimed_by,source,note); without FILE, the seed data Glassbox ships.")
    static final class Import implements Callable<Integer> {
        @Parameters(paramLabel = "FILE.csv", arity = "0..1") Path file;
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            List<Claim> claims = file != null ? Claims.read(file) : Claims.seed();
            try (Ledger l = ledger.open()) {
                int added = l.importClaims(claims);
                spec.commandLine().getOut().println("imported " + added + " new claims of " + claims.size() + " read (" + (claims.size() - added) + " already there)");
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "name", mixinStandardHelpOptions = true,
            description = "Say which claimed model a run's model is, e.g. glassbox claims name Meta-Llama-3-8B-Instruct-Q8_0.gguf \"Llama 3 8B Instruct\".")
    static final class Name implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "RUN_MODEL") String runModel;
        @Parameters(index = "1", paramLabel = "CLAIM_MODEL") String claimModel;
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            try (Ledger l = ledger.open()) {
                l.nameModel(runModel, claimModel);
                spec.commandLine().getOut().println("runs of " + runModel + " now count for claims about " + claimModel);
                // the names are kept as given, for runs still to come; say so when they match nothing yet
                java.util.Set<String> runModels = new java.util.TreeSet<>();
                l.runs().forEach(r -> runModels.add(r.model()));
                if (!runModels.isEmpty() && !runModels.contains(runModel)) {
                    spec.commandLine().getErr().println("note: no recorded run is of " + runModel + " yet; the runs are of " + String.join(", ", runModels));
                }
                if (l.claims().stream().noneMatch(c -> c.model().equals(claimModel))) {
                    spec.commandLine().getErr().println("note: no claim is about " + claimModel + " yet (names must match exactly)");
                }
            }
            return ExitCodes.OK;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Each claim's status: verified (inside the attested run's 95% Wilson interval), disputed (the run is significantly lower: two-sided score test at 5%), or unverified; with its evidence."})
    static final class Status implements Callable<Integer> {
        @Option(names = "--model", paramLabel = "NAME", description = "only claims about this model") String model;
        @Option(names = "--benchmark", paramLabel = "NAME", description = "only claims on this benchmark") String benchmark;
        @Option(names = "--all", description = "also list unverified claims (default: only verified and disputed ones)") boolean all;
        @Mixin LedgerFlags ledger;
        @Spec CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (Ledger l = ledger.open()) {
                List<ClaimAssessment> rows = l.assessClaims().stream()
                        .filter(a -> model == null || a.claim().model().equals(model))
                        .filter(a -> benchmark == null || a.claim().benchmark().equals(benchmark))
                        .toList();
                long verified = rows.stream().filter(a -> a.status() == ClaimStatus.VERIFIED).count();
                long disputed = rows.stream().filter(a -> a.status() == ClaimStatus.DISPUTED).count();
                out.println("|status|model|benchmark|claimed|claimed by|evidence|reason|");
                out.println("|------|-----|---------|------:|----------|--------|------|");
                for (ClaimAssessment a : rows) {
                    if (!all && a.status() == ClaimStatus.UNVERIFIED) continue;
                    out.printf("|%s|%s|%s|%s|%s|%s|%s|%n", a.status().name().toLowerCase(java.util.Locale.ROOT), a.claim().model(), a.claim().benchmark(),
                            a.claim().score(), a.claim().claimedBy(), a.evidence(), a.reason());
                }
                out.printf("%d claims: %d verified, %d disputed, %d unverified%n", rows.size(), verified, disputed, rows.size() - verified - disputed);
            }
            return ExitCodes.OK;
        }
    }
}
