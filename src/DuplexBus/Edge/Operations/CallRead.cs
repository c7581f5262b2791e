using DuplexBus.Protocol.Soap;

namespace DuplexBus.Edge.Operations;

/// <summary>A request read as a call of its operation, or the fault it deserves instead (nothing is stored).</summary>
internal readonly record struct CallRead(OperationCall? Call, SoapFault? Fault)
{
    public static CallRead Failed(SoapFault fault) => new(null, fault);
}
