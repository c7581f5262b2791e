using System.Net;
using DuplexBus.IntegrationTests.Skeleton;

namespace DuplexBus.IntegrationTests.Durability;

/// <summary>
/// A plain SOAP 1.2 client with WS-Addressing, as a careful client is written: each item has one MessageID, and it is
/// sent again with that MessageID on any answer but 202 (a fault, a 5xx, no connection) until it is accepted.
/// </summary>
public sealed class ResendingClient(Uri host) : IDisposable
{
    private const string Action = "urn:duplexbus:samples/WorkService/AddItem";
    private readonly HttpClient _http = new() { BaseAddress = host, Timeout = TimeSpan.FromSeconds(40) };

    /// <summary>How many sends were answered with something other than 202.</summary>
    public int Refusals { get; private set; }

    public async Task AddItemsAsync(Guid instance, int from, int to, TimeSpan giveUpAfter)
    {
        var deadline = DateTime.UtcNow + giveUpAfter;
        for (var index = from; index <= to; index++)
        {
            var messageId = $"urn:uuid:{Guid.NewGuid()}";
            var envelope = $"<s:Envelope xmlns:s=\"{RawSoap.Soap12}\" xmlns:a=\"{RawSoap.Wsa10}\"><s:Header><a:Action s:mustUnderstand=\"1\">{Action}</a:Action>"
                + $"<a:MessageID>{messageId}</a:MessageID></s:Header><s:Body>{RawSoap.AddItem(instance, index)}</s:Body></s:Envelope>";
            while (!await TrySendAsync(envelope))
            {
                Refusals++;
                if (DateTime.UtcNow > deadline)
                    throw new TimeoutException($"item {index} of {instance} was never accepted");
                await Task.Delay(200);
            }
        }
    }

    private async Task<bool> TrySendAsync(string envelope)
    {
        try
        {
            using var response = await _http.PostAsync("/services/work", RawSoap.Content(envelope, soap12: true));
            return response.StatusCode == HttpStatusCode.Accepted;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return false;
        }
    }

    public void Dispose() => _http.Dispose();
}
