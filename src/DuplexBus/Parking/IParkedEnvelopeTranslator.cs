namespace DuplexBus.Parking;

/// <summary>
/// Turns a SOAP envelope an endpoint parked (an acknowledged sequence message it could not apply) into the bus
/// message it stands for, once what refused it has changed — so a replay goes through the same translation, and
/// the same checks, as a message arriving now.
/// </summary>
public interface IParkedEnvelopeTranslator
{
    /// <param name="source">Where it was parked: <c>edge:</c> and the endpoint path.</param>
    /// <returns>The message as the outbox stores it, or why it still cannot be applied.</returns>
    Task<ParkedTranslation> TranslateAsync(string source, string action, string envelope, CancellationToken cancellationToken);
}

/// <summary>The outcome of <see cref="IParkedEnvelopeTranslator.TranslateAsync"/>: a message type and JSON body, or a reason.</summary>
public sealed record ParkedTranslation(string? MessageType, string? Body, string? Refusal);
