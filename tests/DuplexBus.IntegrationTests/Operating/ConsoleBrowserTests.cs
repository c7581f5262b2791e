using System.Net;
using System.Net.Http.Json;
using DuplexBus.IntegrationTests.Callbacks;
using DuplexBus.IntegrationTests.Wcf;
using DuplexBus.Testing;
using OpenQA.Selenium;

namespace DuplexBus.IntegrationTests.Operating;

/// <summary>
/// The operator console in a real headless browser (Debian's chromium through Selenium): the page lists a reliable
/// sequence the test holds open and a callback the client refused, and its Replay button delivers that callback.
/// </summary>
[Collection(nameof(RealServers))]
public sealed class ConsoleBrowserTests(ConsoleHostFixture fixture) : IClassFixture<ConsoleHostFixture>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Where the screenshot goes: DUPLEXBUS_CONSOLE_SCREENSHOT, or the test's output folder.</summary>
    private static string ScreenshotPath =>
        Environment.GetEnvironmentVariable("DUPLEXBUS_CONSOLE_SCREENSHOT") is { Length: > 0 } path ? path : Path.Combine(AppContext.BaseDirectory, "console.png");

    [Fact]
    public async Task The_console_lists_an_open_sequence_and_a_dead_callback_and_its_replay_delivers_the_callback()
    {
        Assert.True(File.Exists(HeadlessChromium.Browser) && File.Exists(HeadlessChromium.Driver), "Debian's chromium and chromium-driver are not installed (test.sh installs them)");
        await using var receiver = await CallbackReceiver.StartAsync();
        receiver.AnswerWith(CallbackAnswer.BadRequest);
        var instance = Guid.NewGuid();
        using var callbacks = CallbackClients.Create(fixture.Host.BaseAddress);
        await callbacks.StartWorkAsync(instance, 1, receiver.Address);
        var dead = await fixture.CallbackWhenAsync(instance, c => c.State == StoredCallbackState.DeadLettered, "the refused callback dead-lettered");
        using var session = new WorkClient(fixture.Host.BaseAddress, RmClientBinding.Find("RM 1.1 Soap12WSAddressing10 ordered").Create());
        session.Channel.AddItem(Guid.NewGuid(), 1, "held open");
        var sequence = await Sql.TextAsync(fixture.ConnectionString, "SELECT id FROM rm_sequence WHERE status = 0 ORDER BY created_at DESC LIMIT 1");
        Assert.NotNull(sequence);

        using var browser = HeadlessChromium.Start(ConsoleHostFixture.Authorization);
        browser.Page.Navigate().GoToUrl(new Uri(fixture.Host.BaseAddress, "console"));
        browser.Until(page => page.FindElement(By.CssSelector("body[data-loaded=true]")), Patience);
        // The page redraws its tables every 2 s: each look finds the row afresh.
        var sequenceRow = browser.Until(page => page.FindElement(By.CssSelector($"#sequences tr[data-id='{sequence}']")).Text, Patience);
        Assert.Contains("/services/work", sequenceRow, StringComparison.Ordinal);
        var deadRow = browser.Until(page => page.FindElement(By.CssSelector($"#dead-callbacks tr[data-id='{dead.Id}']")).Text, Patience);
        Assert.Contains("HTTP 400", deadRow, StringComparison.Ordinal);
        Assert.Contains(instance.ToString(), deadRow, StringComparison.Ordinal);
        browser.Until(page => page.FindElement(By.CssSelector("#health td.Healthy")), Patience);
        browser.SaveScreenshot(ScreenshotPath);

        receiver.AnswerWith(CallbackAnswer.Accepted);
        browser.Until(page =>
        {
            page.FindElement(By.CssSelector($"#dead-callbacks tr[data-id='{dead.Id}'] button.replay")).Click();
            return true;
        }, Patience);

        var delivered = await receiver.WaitForAsync(all => all.Any(r => r.AnsweredStatus == 202), Patience, "the replayed callback delivered");
        Assert.Contains(instance.ToString(), delivered.Last(r => r.AnsweredStatus == 202).Body, StringComparison.Ordinal);
        browser.Until(page => page.FindElement(By.Id("log")).Text.Contains("Replayed 1 of 1 callbacks", StringComparison.Ordinal), Patience);
        browser.Until(page => page.FindElements(By.CssSelector($"#dead-callbacks tr[data-id='{dead.Id}']")).Count == 0, Patience);

        // The saga instance, found by its id: delivered now.
        browser.Page.FindElement(By.Id("instance")).SendKeys(instance.ToString());
        var found = browser.Until(page =>
        {
            page.FindElement(By.CssSelector("#search button.primary")).Click();
            var text = page.FindElement(By.Id("saga-instance")).Text;
            return text.Contains("CallbackDelivered True", StringComparison.Ordinal) ? text : null;
        }, Patience);
        Assert.Contains(instance.ToString(), found, StringComparison.Ordinal);
        Assert.Contains("Completed", found, StringComparison.Ordinal);
        await Eventually.Until(() => Task.FromResult(fixture.Host.Output), output =>
            output.Contains($"Console: {ConsoleHostFixture.Administrator} from 127.0.0.1 replayed 1 of 1 dead-lettered callbacks ({dead.Id})", StringComparison.Ordinal),
            Patience, "the replay logged with who did it");
    }

    [Fact]
    public async Task Replaying_several_parked_messages_at_once_applies_them_in_the_order_they_were_parked()
    {
        // Items 1 and 2 of a new instance, parked as the relay parks a row it could not publish (and now can).
        var instance = Guid.NewGuid();
        Guid[] parked = [Guid.NewGuid(), Guid.NewGuid()];
        for (var i = 0; i < parked.Length; i++)
        {
            await Sql.ExecuteAsync(fixture.ConnectionString, $$"""
                INSERT INTO parked_message (id, source, message_id, message_type, body, reason, parked_at)
                VALUES ('{{parked[i]}}', 'outbox', gen_random_uuid(), 'urn:message:DuplexBus.Samples.Contracts:AddItem',
                        '{"instanceId":"{{instance}}","index":{{i + 1}},"value":"v{{i + 1}}"}', 'the broker refused it', now() - interval '{{10 - i}} seconds')
                """);
        }
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };
        using var replay = new HttpRequestMessage(HttpMethod.Post, "console/api/parked/replay")
        {
            Content = JsonContent.Create(new { ids = new[] { parked[1], parked[0], Guid.NewGuid() } }),
        };
        replay.Headers.TryAddWithoutValidation("Authorization", ConsoleHostFixture.Authorization);
        replay.Headers.TryAddWithoutValidation(Microsoft.AspNetCore.Builder.ConsoleEndpointExtensions.ActionHeader, "1");

        using var answer = await http.SendAsync(replay);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var body = await answer.Content.ReadAsStringAsync();
        Assert.Contains(parked[0].ToString(), body, StringComparison.Ordinal);
        Assert.Contains("not parked", body, StringComparison.Ordinal);
        var applied = await Eventually.Until(
            () => Sql.TextAsync(fixture.ConnectionString, $"SELECT item_count || ' ' || last_index || ' ' || in_order FROM work_state WHERE correlation_id = '{instance}'"),
            state => state == "2 2 true", Patience, "both replayed items applied");
        Assert.Equal("2 2 true", applied);
        Assert.Equal(0, await Sql.ScalarAsync(fixture.ConnectionString, $"SELECT count(*) FROM parked_message WHERE id IN ('{parked[0]}', '{parked[1]}')"));
        Assert.Contains($"Console: {ConsoleHostFixture.Administrator} from 127.0.0.1 replayed 2 of 3 parked messages", fixture.Host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_refuses_a_caller_without_the_administrators_credentials_and_an_action_without_its_header()
    {
        using var http = new HttpClient { BaseAddress = fixture.Host.BaseAddress };

        using var anonymous = await http.GetAsync("console/api/overview");
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Contains("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);

        using var wrong = new HttpRequestMessage(HttpMethod.Get, "console");
        wrong.Headers.TryAddWithoutValidation("Authorization", "Basic " + Convert.ToBase64String("ops:not-the-password"u8.ToArray()));
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.SendAsync(wrong)).StatusCode);

        using var withoutHeader = new HttpRequestMessage(HttpMethod.Post, "console/api/callbacks/replay") { Content = JsonContent.Create(new { ids = new[] { Guid.NewGuid() } }) };
        withoutHeader.Headers.TryAddWithoutValidation("Authorization", ConsoleHostFixture.Authorization);
        Assert.Equal(HttpStatusCode.BadRequest, (await http.SendAsync(withoutHeader)).StatusCode);

        using var admitted = new HttpRequestMessage(HttpMethod.Get, "console/api/overview");
        admitted.Headers.TryAddWithoutValidation("Authorization", ConsoleHostFixture.Authorization);
        using var overview = await http.SendAsync(admitted);
        Assert.Equal(HttpStatusCode.OK, overview.StatusCode);
        Assert.Contains("\"administrator\":\"ops\"", await overview.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
