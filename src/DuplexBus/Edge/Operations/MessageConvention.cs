using System.Reflection;
using DuplexBus.Callbacks;
using DuplexBus.Protocol.Contracts;

namespace DuplexBus.Edge.Operations;

/// <summary>
/// Makes a one-way call into its bus message by convention: the message's constructor (a record's, usually) takes
/// the operation's parameters by name, ignoring case; a <see cref="CallbackEndpoint"/> parameter takes the client's
/// callback address. Every parameter of the operation must land somewhere, so no data is silently dropped; checked
/// once, when the endpoint is mapped.
/// </summary>
internal static class MessageConvention
{
    public static Func<OperationCall, object> Create(OperationDescription operation, Type messageType, out bool takesCallback)
    {
        var fits = messageType.GetConstructors()
            .Select(c => (Constructor: c, Sources: Sources(operation, c)))
            .Where(c => c.Sources is not null && Covers(operation, c.Sources))
            .OrderByDescending(c => c.Constructor.GetParameters().Length)
            .ToList();
        if (fits.Count == 0)
        {
            throw new InvalidOperationException(
                $"{messageType.Name} has no constructor that takes every parameter of {operation.Name} ({string.Join(", ", operation.Parameters.Select(p => p.Type.Name + " " + p.ClrName))}) by name; "
                + "add one, or map the operation explicitly.");
        }
        var constructor = fits[0].Constructor;
        var sources = fits[0].Sources!;
        takesCallback = sources.Contains(Source.Callback);
        var positions = sources.Select(s => s.Position).ToArray();
        var defaults = constructor.GetParameters().Select(p => p.HasDefaultValue ? p.DefaultValue : null).ToArray();
        return call =>
        {
            var arguments = new object?[positions.Length];
            for (var i = 0; i < positions.Length; i++)
            {
                arguments[i] = positions[i] switch
                {
                    Source.CallbackPosition => call.Callback,
                    Source.DefaultPosition => defaults[i],
                    var position => call.Arguments[position],
                };
            }
            return constructor.Invoke(arguments);
        };
    }

    /// <summary>Where each constructor parameter comes from, or null when one has no source.</summary>
    private static Source[]? Sources(OperationDescription operation, ConstructorInfo constructor)
    {
        var sources = new List<Source>();
        foreach (var parameter in constructor.GetParameters())
        {
            if (parameter.ParameterType == typeof(CallbackEndpoint))
                sources.Add(Source.Callback);
            else if (operation.Parameter(parameter.Name!) is { } part && parameter.ParameterType.IsAssignableFrom(part.Type))
                sources.Add(new Source(part.Position));
            else if (parameter.HasDefaultValue)
                sources.Add(Source.Default);
            else
                return null;
        }
        return [.. sources];
    }

    private static bool Covers(OperationDescription operation, Source[]? sources) =>
        operation.Parameters.All(p => sources!.Any(s => s.Position == p.Position));

    private readonly record struct Source(int Position)
    {
        public const int CallbackPosition = -1;
        public const int DefaultPosition = -2;

        public static Source Callback => new(CallbackPosition);

        public static Source Default => new(DefaultPosition);
    }
}
