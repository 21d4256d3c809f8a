package ai.glassbox.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.glassbox.cli.web.HeadlessChromium;
import ai.glassbox.testkit.Shared;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The dashboard in a real browser against {@code glassbox up} on a random port, over a ledger
 * seeded with the shipped facts and holding one signed run of stories260K (named as a claimed
 * model, so its claims get a status). Every page must render without console errors; screenshots
 * are kept in {@code target/screenshots}.
 */
class DashboardBrowserTest {
    private static final Pattern PUBLISHING = Pattern.compile("on http://127\\.0\\.0\\.1:(\\d+)/api ");
    private static final ObjectMapper JSON = new ObjectMapper();
    /** A claimed model the run is named as: its ARC-Challenge claim (83.4) is far above what stories260K scores. */
    private static final String NAMED_AS = "Llama 3.1 8B Instruct";

    @TempDir
    static Path tmp;

    static UpCommand up;
    static CompletableFuture<Integer> exit;
    static String base;
    static HeadlessChromium browser;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void upWithOneSignedRun() throws Exception {
        browser = HeadlessChromium.start();
        System.setProperty("glassbox.home", tmp.resolve("home").toString());
        assertEquals(0, CliTest.run("keys", "init").exitCode());
        var eval = CliTest.run("eval", "--model", CliTest.stories(), "--tasks", "arc_challenge,gsm8k", "--limit", "3", "--out", tmp.resolve("run").toString(),
                "--no-progress", "-t", "1", "--data", Shared.root().resolve("datasets").toString());
        assertEquals(0, eval.exitCode(), eval.err());
        assertTrue(eval.err().contains("logged: index 0 of "), eval.err());
        assertEquals(0, CliTest.run("claims", "name", "stories260K.gguf", NAMED_AS).exitCode());

        up = new UpCommand();
        var cl = new picocli.CommandLine(up);
        var err = new StringWriter();
        cl.setErr(new PrintWriter(err, true));
        cl.setOut(new PrintWriter(new StringWriter(), true));
        exit = CompletableFuture.supplyAsync(() -> cl.execute("--port", "0"));
        int port = -1;
        for (int i = 0; i < 600 && port < 0 && !exit.isDone(); i++) {
            Matcher m = PUBLISHING.matcher(err.toString());
            if (m.find()) port = Integer.parseInt(m.group(1));
            else Thread.sleep(50);
        }
        assertTrue(port > 0, "glassbox up did not start: " + err);
        base = "http://127.0.0.1:" + port;
    }

    @AfterAll
    static void down() throws Exception {
        if (up != null) {
            up.stop.countDown();
            assertEquals(0, exit.get());
        }
        if (browser != null) browser.close();
        System.clearProperty("glassbox.home");
    }

    @BeforeEach
    void desktop() {
        browser.driver().manage().window().setSize(new Dimension(1280, 1000));
        browser.consoleErrors(); // only this test's errors count
    }

    @AfterEach
    void screenshot(TestInfo test) {
        browser.screenshot(test.getTestMethod().orElseThrow().getName());
    }

    private static JsonNode api(String path) throws Exception {
        var res = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, res.statusCode(), path + ": " + res.body());
        return JSON.readTree(res.body());
    }

    private static int rows(String tableId) {
        return Integer.parseInt(browser.find("#" + tableId).getDomAttribute("data-rows"));
    }

    private static List<Double> claimedScores() {
        return browser.all("#leaderboard tbody tr td:nth-child(4) li:first-child strong").stream().map(e -> Double.parseDouble(e.getText())).toList();
    }

    @Test
    void leaderboardShowsTheShippedClaimsAndItsFiltersAndSortingWork() throws Exception {
        browser.open(base + "/?benchmark=MMLU");
        JsonNode mmlu = api("/api/claims?benchmark=MMLU&limit=1000");
        long models = java.util.stream.StreamSupport.stream(mmlu.path("items").spliterator(), false).map(c -> c.path("model").asText()).distinct().count();
        assertEquals(models, rows("leaderboard"), "one row per claimed model");
        assertTrue(models > 20, "the shipped facts hold many MMLU claims");

        List<Double> descending = claimedScores();
        for (int i = 1; i < descending.size(); i++) assertTrue(descending.get(i - 1) >= descending.get(i), "sorted by claimed score, highest first: " + descending);

        new Select(browser.find("#weights")).selectByValue("open");
        int open = rows("leaderboard");
        assertTrue(open > 0 && open < models, "open filter keeps some: " + open);
        for (WebElement w : browser.all("#leaderboard tbody td:nth-child(3) .weights")) assertEquals("open", w.getText());
        assertTrue(browser.driver().getCurrentUrl().contains("weights=open"), "filters are in the URL: " + browser.driver().getCurrentUrl());

        browser.find("#search").sendKeys("llama");
        for (WebElement r : browser.all("#leaderboard tbody td:first-child")) assertTrue(r.getText().toLowerCase().contains("llama"), r.getText());

        // sorting from the keyboard: focus the Claimed header's button and press Enter
        browser.find("#search").clear();
        new Select(browser.find("#weights")).selectByValue("");
        WebElement claimed = browser.all("#leaderboard th button.sort").get(3);
        claimed.sendKeys(Keys.ENTER);
        List<Double> ascending = claimedScores();
        for (int i = 1; i < ascending.size(); i++) assertTrue(ascending.get(i - 1) <= ascending.get(i), "second press sorts ascending: " + ascending);
        assertEquals("ascending", browser.all("#leaderboard th").get(3).getDomAttribute("aria-sort"));
        browser.assertNoConsoleErrors("/");
    }

    @Test
    void aReproducedRunGivesTheClaimsOfItsModelAStatus() throws Exception {
        browser.open(base + "/?benchmark=ARC-Challenge");
        new Select(browser.find("#status")).selectByValue("disputed");
        assertEquals(1, rows("leaderboard"));
        WebElement row = browser.find("#leaderboard tbody tr");
        assertTrue(row.getText().contains(NAMED_AS), row.getText());
        assertTrue(row.findElement(org.openqa.selenium.By.cssSelector(".badge.disputed")).isDisplayed());
        // the reproduced cell links to the run that is the evidence
        assertEquals(base + "/runs/0", row.findElement(org.openqa.selenium.By.cssSelector("td:nth-child(5) a")).getDomProperty("href"));
        browser.assertNoConsoleErrors("/?benchmark=ARC-Challenge");
    }

    @Test
    void theGapChartDrawsTheShippedData() throws Exception {
        browser.open(base + "/gap");
        JsonNode gap = api("/api/gap");
        assertEquals(gap.path("series").size(), browser.all("#headlines .card").size(), "a headline per benchmark");
        assertTrue(gap.path("series").size() >= 3);
        assertFalse(browser.all(".caveats li").isEmpty(), "caveats are shown");
        browser.waitFor("the frontier chart", () -> "true".equals(browser.find("#frontier-chart").getDomAttribute("data-drawn")));
        assertTrue(inkedPixels("#frontier-chart canvas") > 2000, "the step lines are drawn");
        assertTrue(inkedPixels("#lag-chart canvas") > 200, "the months-behind points are drawn");

        // choosing another benchmark redraws for it
        String other = gap.path("series").get(0).path("benchmark").asText();
        browser.find("#headlines .card[data-benchmark='" + other + "'] button").click();
        browser.waitFor("the chart for " + other, () -> browser.find("#detail h2").getText().startsWith(other + ":"));
        assertEquals(other, new Select(browser.find("#benchmark")).getFirstSelectedOption().getDomAttribute("value"), "the menu follows the chosen card");
        JsonNode series = gap.path("series").get(0);
        assertEquals(series.path("lags").size(), browser.all("#lags tbody tr").size());
        assertEquals(series.path("closed").size() + series.path("open").size(), Integer.parseInt(browser.find("#frontier-chart").getDomAttribute("data-points")));
        browser.assertNoConsoleErrors("/gap");
    }

    /** How many pixels of a canvas are not blank: a chart that drew nothing has none beyond its axes. */
    private static long inkedPixels(String canvas) {
        Object n = browser.script("""
                const c = document.querySelector(arguments[0]);
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let n = 0;
                for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) n++;
                return n;""", canvas);
        return ((Number) n).longValue();
    }

    @Test
    void aModelPageShowsItsFactsAndClaimsWithSources() throws Exception {
        browser.open(base + "/?benchmark=MMLU&q=Llama 3.1 405B");
        browser.all("#leaderboard tbody td:first-child a").get(0).click();
        browser.waitFor("the model page", () -> browser.driver().getCurrentUrl().contains("/models/") && !browser.all("main[data-ready=true] #facts").isEmpty());
        String name = java.net.URLDecoder.decode(browser.driver().getCurrentUrl().replaceFirst(".*/models/", ""), java.nio.charset.StandardCharsets.UTF_8);
        JsonNode model = api("/api/models/" + name.replace(" ", "%20"));
        assertTrue(browser.find("#facts").getText().contains(model.path("organization").asText()));
        assertEquals(model.path("claims").size(), rows("claims"));
        for (WebElement a : browser.all("#claims tbody td:last-child a")) assertTrue(a.getDomProperty("href").startsWith("https://"), a.getDomProperty("href"));
        browser.assertNoConsoleErrors("/models/" + name);
    }

    @Test
    void aRunsSamplesCanBeBrowsed() throws Exception {
        browser.open(base + "/runs");
        assertEquals(1, rows("runs"));
        browser.find("#runs tbody a").click();
        browser.waitFor("the run page", () -> !browser.all("main[data-ready=true] #samples").isEmpty());
        browser.waitFor("the first samples", () -> "3".equals(browser.find("#sample-list").getDomAttribute("data-count")));
        List<WebElement> samples = browser.all("#sample-list .sample");
        assertEquals(3, samples.size());
        for (WebElement s : samples) {
            List<WebElement> choices = s.findElements(org.openqa.selenium.By.cssSelector("table.choices tbody tr"));
            assertTrue(choices.size() >= 3, "each choice with its log-likelihood");
            assertEquals(1, s.findElements(org.openqa.selenium.By.cssSelector("tr.target")).size(), "the right answer is marked");
            assertTrue(s.getText().contains("right") || s.getText().contains("wrong"));
        }
        JsonNode first = api("/api/runs/0/samples?task=arc_challenge&limit=1").path("items").get(0).path("record");
        String logprob = String.format(java.util.Locale.ROOT, "%.3f", first.path("responses").get(0).path("logprob").asDouble());
        assertTrue(samples.get(0).getText().contains(logprob), "the model's log-likelihood of the first choice, " + logprob);

        new Select(browser.find("#task")).selectByValue("gsm8k");
        browser.waitFor("the gsm8k samples", () -> !browser.all("#sample-list pre.generated").isEmpty());
        assertEquals(3, browser.all("#sample-list .sample").size());
        assertTrue(browser.find("#sample-list").getText().contains("Answer (strict-match)"), "each filter's extracted answer is shown");
        assertFalse(browser.find("main").getText().contains("[object"), "no element is printed as text");
        assertTrue(browser.driver().getCurrentUrl().contains("task=gsm8k"));
        browser.assertNoConsoleErrors("/runs/0");
    }

    @Test
    void theLogPageChecksAnInclusionProofAndTheCheckpointSignatureInTheBrowser() throws Exception {
        browser.open(base + "/log?entry=0");
        browser.waitFor("the inclusion check", () -> !browser.all("#inclusion-result").isEmpty());
        assertTrue(browser.find("#inclusion-result").getText().startsWith("✓ Entry 0 is in the tree of size 1"), browser.find("#inclusion-result").getText());
        browser.waitFor("the signature check", () -> !browser.find("#signature-result").getText().isEmpty());
        assertTrue(browser.find("#signature-result").getText().startsWith("✓"), browser.find("#signature-result").getText());
        browser.assertNoConsoleErrors("/log");

        // a key that did not sign the checkpoint fails the check
        String vkey = api("/api/log/key").path("vkey").asText();
        String otherKey = new ai.glassbox.ledger.note.NoteSigner(vkey.substring(0, vkey.indexOf('+')), ai.glassbox.ledger.signing.SigningKey.generate()).verifier().vkey();
        WebElement input = browser.find("#vkey");
        input.clear();
        input.sendKeys(otherKey);
        browser.find("#check-signature").click();
        browser.waitFor("the failed signature check", () -> browser.find("#signature-result").getText().startsWith("✗"));
    }

    @Test
    void pagesFitAPhoneScreen() {
        browser.driver().manage().window().setSize(new Dimension(390, 844));
        for (String page : List.of("/?benchmark=MMLU", "/gap", "/runs/0", "/log")) {
            browser.open(base + page);
            long overflow = ((Number) browser.script("return document.documentElement.scrollWidth - window.innerWidth")).longValue();
            assertTrue(overflow <= 1, page + " is wider than the screen by " + overflow + " px");
            browser.assertNoConsoleErrors(page);
        }
    }
}
