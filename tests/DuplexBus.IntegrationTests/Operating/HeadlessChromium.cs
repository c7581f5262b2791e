using OpenQA.Selenium;
using OpenQA.Selenium.Chrome;
using OpenQA.Selenium.Support.UI;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// Debian's chromium, headless, driven by Debian's chromedriver through Selenium (nothing is downloaded); every request
/// it makes carries the given Authorization header.
/// </summary>
internal sealed class HeadlessChromium : IDisposable
{
    public const string Browser = "/usr/bin/chromium";
    public const string Driver = "/usr/bin/chromedriver";

    private HeadlessChromium(ChromeDriver driver) => Driver_ = driver;

    private ChromeDriver Driver_ { get; }

    public IWebDriver Page => Driver_;

    public static HeadlessChromium Start(string authorization)
    {
        var service = ChromeDriverService.CreateDefaultService(Path.GetDirectoryName(Driver)!, Path.GetFileName(Driver));
        service.HideCommandPromptWindow = true;
        service.SuppressInitialDiagnosticInformation = true;
        var options = new ChromeOptions { BinaryLocation = Browser };
        // As root in a container: no sandbox; no GPU; a fixed window so the screenshot shows the whole console.
        options.AddArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1800");
        var driver = new ChromeDriver(service, options, TimeSpan.FromSeconds(60));
        driver.ExecuteCdpCommand("Network.enable", []);
        driver.ExecuteCdpCommand("Network.setExtraHTTPHeaders", new Dictionary<string, object?>
        {
            ["headers"] = new Dictionary<string, object> { ["Authorization"] = authorization },
        });
        return new HeadlessChromium(driver);
    }

    /// <summary>Waits until <paramref name="condition"/> holds on the page, polling it.</summary>
    public T Until<T>(Func<IWebDriver, T> condition, TimeSpan timeout)
    {
        var wait = new WebDriverWait(Driver_, timeout) { PollingInterval = TimeSpan.FromMilliseconds(200) };
        wait.IgnoreExceptionTypes(typeof(NoSuchElementException), typeof(StaleElementReferenceException));
        return wait.Until(condition);
    }

    public void SaveScreenshot(string path) => Driver_.GetScreenshot().SaveAsFile(path);

    public void Dispose()
    {
        Driver_.Quit();
        Driver_.Dispose();
    }
}
