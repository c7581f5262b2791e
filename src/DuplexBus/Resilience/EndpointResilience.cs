using DuplexBus.Parking;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DuplexBus.Resilience;

/// <summary>The failure rules every DuplexBus receive endpoint gets: wait out what passes, park what cannot succeed.</summary>
internal static class EndpointResilience
{
    public static void Apply(IRegistrationContext context, IReceiveEndpointConfigurator endpoint)
    {
        var options = context.GetRequiredService<IOptions<ConsumerRetryOptions>>().Value;
        // Outer: a transient failure is retried in place for as long as it lasts. The message stays unacknowledged
        // and, with one message at a time, the endpoint's later messages wait behind it, so order holds. There is no
        // broker-side delayed redelivery here, and requeueing to the back would reorder.
        endpoint.UseMessageRetry(r =>
        {
            r.Exponential(int.MaxValue, options.MinRetryDelay, options.MaxRetryDelay, options.MinRetryDelay);
            r.Handle<Exception>(TransientFailure.Is);
        });
        // Inner: anything else gets a few quick tries, then travels on to the error pipe, which parks it.
        endpoint.UseMessageRetry(r =>
        {
            r.Intervals(Enumerable.Repeat(options.MinRetryDelay, options.PermanentFailureRetries).ToArray());
            r.Ignore<Exception>(TransientFailure.Is);
        });
        endpoint.ConfigureError(e => e.UseFilter(new ParkFilter(context)));
    }
}
