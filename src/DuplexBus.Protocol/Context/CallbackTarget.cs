using System.Collections.Immutable;
using System.Xml.Linq;
using DuplexBus.Protocol.Soap;

namespace DuplexBus.Protocol.Context;

/// <summary>
/// Where and how to deliver a callback: each reference parameter becomes a header of the callback message,
/// written in the given SOAP and addressing versions.
/// </summary>
public sealed record CallbackTarget(
    string Address,
    ImmutableArray<XElement> ReferenceParameters,
    SoapVersion Soap,
    AddressingVersion Addressing,
    CallbackSource Source);
