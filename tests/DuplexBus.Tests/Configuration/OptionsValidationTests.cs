using DuplexBus.Callbacks;
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

    [Fact]
    public void Callback_defaults_are_valid_and_bound_attempts_by_the_window_only()
    {
        var options = new CallbackOptions();

        Assert.True(new CallbackOptionsValidator().Validate(null, options).Succeeded);
        Assert.True(new CallbackOptionsRules().Validate(null, options).Succeeded);
        Assert.Null(options.MaxAttempts);
        Assert.Equal(TimeSpan.FromHours(24), options.MaxRetryWindow);
        Assert.Equal(TimeSpan.FromMinutes(10), options.MaxRetryDelay);
    }

    [Fact]
    public void A_callback_backoff_cap_as_long_as_the_retry_window_is_refused()
    {
        var result = new CallbackOptionsRules().Validate(null, new CallbackOptions { MaxRetryDelay = TimeSpan.FromHours(1), MaxRetryWindow = TimeSpan.FromHours(1) });

        Assert.True(result.Failed);
        Assert.Contains("MaxRetryWindow", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_callback_attempt_bound_of_zero_is_refused()
    {
        var result = new CallbackOptionsValidator().Validate(null, new CallbackOptions { MaxAttempts = 0 });

        Assert.True(result.Failed);
        Assert.Contains(nameof(CallbackOptions.MaxAttempts), result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Edge_quotas_and_queues_out_of_range_are_refused_by_name()
    {
        var result = new EdgeOptionsValidator().Validate(null, new EdgeOptions
        {
            MaxXmlNodes = 1,
            MaxXmlAttributesPerElement = 0,
            MaxXmlStringLength = 1,
            MaxXmlNameCharacters = 1,
            MaxHeaders = 0,
            MaxHeaderCharacters = 1,
            MaxCallbackAddressLength = 4096,
            MaxConcurrentRequests = 0,
            MaxQueuedRequests = -1,
            QueueTimeout = TimeSpan.FromHours(1),
            MaxGroupCommitQueue = 0,
        });

        Assert.True(result.Failed);
        foreach (var name in new[]
        {
            nameof(EdgeOptions.MaxXmlNodes), nameof(EdgeOptions.MaxXmlAttributesPerElement), nameof(EdgeOptions.MaxXmlStringLength),
            nameof(EdgeOptions.MaxXmlNameCharacters), nameof(EdgeOptions.MaxHeaders), nameof(EdgeOptions.MaxHeaderCharacters),
            nameof(EdgeOptions.MaxCallbackAddressLength), nameof(EdgeOptions.MaxConcurrentRequests), nameof(EdgeOptions.MaxQueuedRequests),
            nameof(EdgeOptions.QueueTimeout), nameof(EdgeOptions.MaxGroupCommitQueue),
        })
        {
            Assert.Contains(name, result.FailureMessage, StringComparison.Ordinal);
        }
    }
}
