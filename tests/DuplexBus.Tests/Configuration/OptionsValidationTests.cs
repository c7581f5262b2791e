using DuplexBus.Configuration;
using DuplexBus.Edge;
using DuplexBus.Outbox;

namespace DuplexBus.Tests.Configuration;

public sealed class OptionsValidationTests
{
    [Fact]
    public void Defaults_are_valid()
    {
        Assert.True(new EdgeOptionsValidator().Validate(null, new EdgeOptions()).Succeeded);
        Assert.True(new OutboxOptionsValidator().Validate(null, new OutboxOptions()).Succeeded);
    }

    [Fact]
    public void Edge_limits_out_of_range_are_refused_by_name()
    {
        var result = new EdgeOptionsValidator().Validate(null, new EdgeOptions { MaxMessageBytes = 10, MaxXmlDepth = 2 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(EdgeOptions.MaxMessageBytes), result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains(nameof(EdgeOptions.MaxXmlDepth), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Outbox_batch_of_zero_is_refused()
    {
        var result = new OutboxOptionsValidator().Validate(null, new OutboxOptions { BatchSize = 0 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(OutboxOptions.BatchSize), result.FailureMessage, StringComparison.Ordinal);
    }
}
