using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Operations;

/// <summary>A one-way request made into its bus message, or the fault that stops it (then nothing is stored).</summary>
/// <param name="Call">The call as read; null when the request could not be read at all.</param>
internal sealed record Translation(OperationCall? Call, object? Message, SoapFault? Fault);
