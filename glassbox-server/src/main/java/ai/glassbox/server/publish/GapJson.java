package ai.glassbox.server.publish;

import ai.glassbox.ledger.gap.FrontierPoint;
import ai.glassbox.ledger.gap.GapAnalysis;
import ai.glassbox.ledger.gap.GapSeries;
import ai.glassbox.ledger.gap.Headline;
import ai.glassbox.ledger.gap.Lag;
import ai.glassbox.ledger.gap.UnplacedClaim;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** The JSON of a {@link GapAnalysis}: {@code /api/gap}'s answer. */
final class GapJson {
    /** What a reader must know before trusting a headline; shown with every answer, not hidden. */
    static final List<String> CAVEATS = List.of(
            "Benchmarks with similar names are different and are never merged: GPQA is not GPQA-Diamond; MATH, MATH-500 and MATH-Level-5 differ; "
                    + "LiveCodeBench depends on its date window; SWE-bench Verified depends on the agent scaffold.",
            "Scores are claims: most are the vendor's own, some are third-party re-runs, and settings (shots, chain of thought, reasoning effort) differ "
                    + "between them; a claim's note says where a setting is disputed. Count only third-party claims with claimed_by=third-party.",
            "Names in claims are specific variants (base or instruct, a dated snapshot, a reasoning effort); each is placed on a model's release date "
                    + "by an explicit table, and a variant the table leaves out is listed, not guessed.",
            "A frontier only rises when a release beats every earlier one; a month-precision release date counts as the first of its month.");

    private GapJson() {}

    static ObjectNode of(GapAnalysis gap, String claimedBy, List<GapSeries> series) {
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        o.put("today", gap.today().toString());
        o.put("claimed_by", claimedBy);
        ArrayNode caveats = o.putArray("caveats");
        CAVEATS.forEach(caveats::add);
        ArrayNode out = o.putArray("series");
        for (GapSeries s : series) out.add(series(s));
        ArrayNode unplaced = o.putArray("unplaced");
        for (UnplacedClaim u : gap.unplaced()) {
            ObjectNode n = unplaced.addObject();
            n.put("claim_id", u.claim().id());
            n.put("model", u.claim().model());
            n.put("benchmark", u.claim().benchmark());
            n.put("reason", u.reason());
        }
        return o;
    }

    private static ObjectNode series(GapSeries s) {
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        o.put("benchmark", s.benchmark());
        o.set("headline", headline(s.headline()));
        ArrayNode closed = o.putArray("closed");
        s.closed().points().forEach(p -> closed.add(point(p)));
        ArrayNode open = o.putArray("open");
        s.open().points().forEach(p -> open.add(point(p)));
        ArrayNode lags = o.putArray("lags");
        for (Lag l : s.lags()) {
            ObjectNode n = lags.addObject();
            n.set("closed", point(l.closed()));
            l.open().ifPresentOrElse(p -> n.set("open", point(p)), () -> n.putNull("open"));
            if (l.months().isPresent()) n.put("months", l.months().getAsDouble());
            else n.putNull("months");
        }
        return o;
    }

    private static ObjectNode headline(Headline h) {
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        switch (h) {
            case Headline.Behind b -> {
                o.put("kind", "behind");
                o.put("months", b.months());
                o.set("closed_reached", point(b.closedReached()));
            }
            case Headline.Level l -> o.put("kind", "level");
            case Headline.Ahead a -> o.put("kind", "ahead");
        }
        o.set("open_best", point(h.openBest()));
        o.set("closed_best", point(h.closedBest()));
        return o;
    }

    /** A frontier step; {@code date} is the day it plots at, {@code released} the date as precise as known. */
    private static ObjectNode point(FrontierPoint p) {
        ObjectNode o = LedgerJson.MAPPER.createObjectNode();
        o.put("date", p.date().toString());
        o.put("released", p.released().toString());
        o.put("precision", p.released().precision().name().toLowerCase(Locale.ROOT));
        o.put("score", p.score());
        o.put("model", p.model());
        o.put("claim_model", p.claimModel());
        o.put("claim_id", p.claimId());
        o.put("claimed_by", p.claimedBy());
        o.put("source", p.source());
        return o;
    }
}
