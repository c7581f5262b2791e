using System.Reflection;

namespace DuplexBus.Protocol.Contracts;

/// <summary>
/// Stands in for a contract interface and remembers the one call made on it, so a call written as ordinary C#
/// (<c>cb =&gt; cb.Shipped(orderId, shipment)</c>) can be turned into the message that call would have sent.
/// </summary>
internal class CallRecorder : DispatchProxy
{
    internal MethodInfo? Method { get; private set; }

    internal object?[] Arguments { get; private set; } = [];

    /// <summary>The operation <paramref name="call"/> invokes on <typeparamref name="TContract"/>, and its arguments.</summary>
    internal static (OperationDescription Operation, object?[] Arguments) Record<TContract>(Action<TContract> call)
        where TContract : class
    {
        ArgumentNullException.ThrowIfNull(call);
        var proxy = Create<TContract, CallRecorder>();
        call(proxy);
        var recorder = (CallRecorder)(object)proxy;
        if (recorder.Method is null)
            throw new ArgumentException($"The callback must call one operation of {typeof(TContract).Name}.", nameof(call));
        var operation = ContractCache.Of(typeof(TContract)).Find(recorder.Method)
            ?? throw new ArgumentException($"{typeof(TContract).Name}.{recorder.Method.Name} is not an [OperationContract].", nameof(call));
        return (operation, recorder.Arguments);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        if (Method is not null)
            throw new InvalidOperationException("A callback is one call: call one operation of the contract, once.");
        Method = targetMethod;
        Arguments = args ?? [];
        var returns = targetMethod?.ReturnType;
        return returns is null || returns == typeof(void) ? null
            : returns == typeof(Task) ? Task.CompletedTask
            : returns.IsValueType ? Activator.CreateInstance(returns) : null;
    }
}
