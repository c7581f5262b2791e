using Xunit.Abstractions;

namespace DuplexBus.IntegrationTests.Hostile;

/// <summary>
/// A case's title as a theory argument: serializable, so each case is its own test, and shown whole (xunit cuts
/// string arguments after 50 characters, which would make many cases look alike).
/// </summary>
public sealed class HostileTitle : IXunitSerializable
{
    public HostileTitle()
    {
    }

    public HostileTitle(string value) => Value = value;

    public string Value { get; private set; } = "";

    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Value = info.GetValue<string>(nameof(Value));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue(nameof(Value), Value);
    }

    public override string ToString() => Value;
}
