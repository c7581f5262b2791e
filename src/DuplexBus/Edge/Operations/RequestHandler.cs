using System.Reflection;
using DuplexBus.Protocol.Contracts;
using Microsoft.Extensions.DependencyInjection;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// A request-reply operation bound to a method of a handler type, resolved from the request's services for each call
/// (or made with its constructor's services when it is not registered). The method is the contract's own when the
/// handler implements the contract; otherwise the public method named like the operation (<c>Get</c> or
/// <c>GetAsync</c>), whose parameters are the operation's by name, plus <see cref="CancellationToken"/> and
/// <see cref="OperationCall"/> if it asks for them. It may return the result, a Task of it or a ValueTask of it.
/// </summary>
internal sealed class RequestHandler
{
    private readonly Type _handlerType;
    private readonly MethodInfo _method;
    private readonly Func<OperationCall, CancellationToken, object?>[] _arguments;

    private RequestHandler(Type handlerType, MethodInfo method, Func<OperationCall, CancellationToken, object?>[] arguments)
    {
        _handlerType = handlerType;
        _method = method;
        _arguments = arguments;
    }

    public static RequestHandler Bind(OperationDescription operation, Type handlerType)
    {
        var method = ContractMethod(operation, handlerType) ?? NamedMethod(operation, handlerType)
            ?? throw new InvalidOperationException(
                $"{handlerType.Name} has no public method for request-reply operation {operation.Name}: implement the contract, or add {operation.Method.Name}({string.Join(", ", operation.Parameters.Select(p => p.Type.Name + " " + p.ClrName))}).");
        var expected = operation.Result?.Type ?? typeof(void);
        if (!Returns(method, expected))
            throw new InvalidOperationException($"{handlerType.Name}.{method.Name} must return {expected.Name} (or a Task of it) to answer {operation.Name}.");
        var arguments = method.GetParameters().Select(p => Argument(operation, handlerType, method, p)).ToArray();
        return new RequestHandler(handlerType, method, arguments);
    }

    public async Task<object?> InvokeAsync(OperationCall call, IServiceProvider services, CancellationToken cancellationToken)
    {
        var handler = ActivatorUtilities.GetServiceOrCreateInstance(services, _handlerType);
        var arguments = new object?[_arguments.Length];
        for (var i = 0; i < arguments.Length; i++)
            arguments[i] = _arguments[i](call, cancellationToken);
        var returned = _method.Invoke(handler, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        switch (returned)
        {
            case Task task:
                return await ResultOf(task).ConfigureAwait(false);
            case ValueTask valueTask:
                await valueTask.ConfigureAwait(false);
                return null;
            case { } value when value.GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(ValueTask<>):
                return await ResultOf((Task)type.GetMethod(nameof(ValueTask<object>.AsTask))!.Invoke(value, null)!).ConfigureAwait(false);
            default:
                return returned;
        }
    }

    private static async Task<object?> ResultOf(Task task)
    {
        await task.ConfigureAwait(false);
        return task.GetType().IsGenericType ? task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task) : null;
    }

    /// <summary>The handler's implementation of the contract method, when it implements the contract.</summary>
    private static MethodInfo? ContractMethod(OperationDescription operation, Type handlerType)
    {
        var contract = operation.Method.DeclaringType!;
        if (!contract.IsAssignableFrom(handlerType) || handlerType.IsInterface)
            return null;
        var map = handlerType.GetInterfaceMap(contract);
        var index = Array.IndexOf(map.InterfaceMethods, operation.Method);
        return index < 0 ? null : map.TargetMethods[index];
    }

    private static MethodInfo? NamedMethod(OperationDescription operation, Type handlerType)
    {
        string[] names = [operation.Method.Name, operation.Name, operation.Name + "Async"];
        var candidates = handlerType.GetMethods(BindingFlags.Public | BindingFlags.Instance)
            .Where(m => names.Contains(m.Name, StringComparer.Ordinal))
            .ToList();
        return candidates.Count switch
        {
            0 => null,
            1 => candidates[0],
            _ => throw new InvalidOperationException($"{handlerType.Name} has {candidates.Count} methods that could answer {operation.Name}; keep one."),
        };
    }

    private static Func<OperationCall, CancellationToken, object?> Argument(OperationDescription operation, Type handlerType, MethodInfo method, ParameterInfo parameter)
    {
        if (parameter.ParameterType == typeof(CancellationToken))
            return static (_, ct) => ct;
        if (parameter.ParameterType == typeof(OperationCall))
            return static (call, _) => call;
        // The contract's own method takes the operation's parameters in order; any other method takes them by name.
        var part = (ContractMethod(operation, handlerType) == method
                ? operation.Parameters.FirstOrDefault(p => p.Position == parameter.Position)
                : operation.Parameter(parameter.Name!))
            ?? throw new InvalidOperationException($"{handlerType.Name}.{method.Name}: parameter '{parameter.Name}' is not a parameter of {operation.Name}.");
        if (!parameter.ParameterType.IsAssignableFrom(part.Type))
            throw new InvalidOperationException($"{handlerType.Name}.{method.Name}: parameter '{parameter.Name}' is a {parameter.ParameterType.Name}, and {operation.Name} sends a {part.Type.Name}.");
        var position = part.Position;
        return (call, _) => call.Arguments[position];
    }

    private static bool Returns(MethodInfo method, Type expected)
    {
        var type = method.ReturnType;
        if (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Task<>) || type.GetGenericTypeDefinition() == typeof(ValueTask<>)))
            type = type.GetGenericArguments()[0];
        else if (type == typeof(Task) || type == typeof(ValueTask))
            type = typeof(void);
        return expected == typeof(void) ? type == typeof(void) : expected.IsAssignableFrom(type);
    }
}
