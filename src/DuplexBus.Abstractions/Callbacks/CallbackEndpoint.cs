namespace DuplexBus.Callbacks;

/// <summary>
/// Where and how to call a client back, as the edge found it on the request (a .NET 4 CallbackContext or a
/// WS-Addressing ReplyTo). A plain record so it can travel in bus messages and sit on a saga.
/// </summary>
/// <param name="Address">The absolute URI the callback is POSTed to.</param>
/// <param name="SoapVersion">"1.1" or "1.2": the envelope version of the request, so the client can read the callback.</param>
/// <param name="AddressingVersion">"1.0" or "2004/08": the WS-Addressing version of the request.</param>
/// <param name="ReferenceParameters">
/// The endpoint reference's reference parameters as XML elements, one after another (for a ReplyTo, a context
/// exchange <c>Context</c> carrying the instance id); each becomes a header of the callback message.
/// </param>
/// <param name="TraceParent">The W3C traceparent of the request that gave the address: the callback continues its trace.</param>
/// <param name="EchoActivityId">
/// The client is .NET Framework WCF propagating activities (it sent an <c>ActivityId</c> header): the callback
/// carries one back, made from the trace id.
/// </param>
public sealed record CallbackEndpoint(
    string Address,
    string SoapVersion,
    string AddressingVersion,
    string ReferenceParameters,
    string? TraceParent = null,
    bool EchoActivityId = false);
