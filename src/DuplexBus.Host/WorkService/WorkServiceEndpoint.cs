using DuplexBus.Edge.Operations;
using DuplexBus.Samples.Contracts;

namespace DuplexBus.Host.WorkService;

/// <summary>
/// The sample's mapping, all of it: StartWork and AddItem become the bus messages of the same names (a context's
/// instanceId routes them; StartWork takes the callback address), GetStatus is answered from the saga's state.
/// </summary>
public static class WorkServiceEndpoint
{
    public static void Configure(ContractEndpointBuilder endpoint)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        endpoint.MessagesFrom<StartWork>().HandleRequestsWith<WorkStatusQueries>();
    }
}
