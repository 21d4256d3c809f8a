package ai.glassbox.cli.web;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.logging.Level;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's chromium, headless, driven through Debian's chromedriver. The tests that use it are
 * skipped where the two are not installed, unless {@code GLASSBOX_REQUIRE_BROWSER=1} (as in CI),
 * which makes their absence a failure. Screenshots go to {@code target/screenshots}.
 */
public final class HeadlessChromium implements AutoCloseable {
    private static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("GLASSBOX_CHROMIUM", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER = Path.of(System.getenv().getOrDefault("GLASSBOX_CHROMEDRIVER", "/usr/bin/chromedriver"));
    private static final Path SCREENSHOTS = Path.of("target", "screenshots");

    private final ChromeDriver driver;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Starts a browser with a fresh profile, or skips the test where none is installed. */
    public static HeadlessChromium start() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "1".equals(System.getenv("GLASSBOX_REQUIRE_BROWSER"))) {
            fail("GLASSBOX_REQUIRE_BROWSER=1 but " + CHROMIUM + " or " + CHROMEDRIVER + " is missing (apt-get install chromium chromium-driver)");
        }
        Assumptions.assumeTrue(installed, "chromium and chromedriver are not installed");
        try {
            Path profile = Files.createTempDirectory("glassbox-chromium");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            // the background-networking flags keep chromium from calling out of a closed network
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-extensions",
                    "--user-data-dir=" + profile, "--window-size=1280,1000");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
            return new HeadlessChromium(driver, profile);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public ChromeDriver driver() {
        return driver;
    }

    /** Opens {@code url} and waits until the page has rendered its data ({@code main[data-ready]}). */
    public void open(String url) {
        driver.get(url);
        waitFor("the page to render " + url, () -> !driver.findElements(By.cssSelector("main[data-ready=true]")).isEmpty());
    }

    public WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    public List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    public Object script(String js, Object... args) {
        return driver.executeScript(js, args);
    }

    public void waitFor(String what, java.util.function.BooleanSupplier condition) {
        new WebDriverWait(driver, Duration.ofSeconds(20)).withMessage(() -> "waiting for " + what).until(d -> condition.getAsBoolean());
    }

    /** The console's errors and uncaught exceptions since the last call. */
    public List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /** Fails on any console error since the last call. */
    public void assertNoConsoleErrors(String page) {
        List<String> errors = consoleErrors();
        assertTrue(errors.isEmpty(), page + " logged console errors: " + errors);
    }

    /** Saves a screenshot of the whole page, not only the window, as {@code target/screenshots/NAME.png}. */
    public Path screenshot(String name) {
        try {
            Files.createDirectories(SCREENSHOTS);
            Path file = SCREENSHOTS.resolve(name + ".png");
            Files.write(file, fullPage());
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private byte[] fullPage() {
        try {
            var metrics = driver.executeCdpCommand("Page.getLayoutMetrics", java.util.Map.of());
            @SuppressWarnings("unchecked")
            var size = (java.util.Map<String, Object>) metrics.get("cssContentSize");
            double width = ((Number) size.get("width")).doubleValue(), height = Math.min(((Number) size.get("height")).doubleValue(), 12000);
            var shot = driver.executeCdpCommand("Page.captureScreenshot", java.util.Map.of("format", "png", "captureBeyondViewport", true,
                    "clip", java.util.Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
            return java.util.Base64.getDecoder().decode((String) shot.get("data"));
        } catch (RuntimeException e) {
            // the window alone is still worth keeping
            return driver.getScreenshotAs(OutputType.BYTES);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a leftover temporary profile harms nothing
        }
    }
}
