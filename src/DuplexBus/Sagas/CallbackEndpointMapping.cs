using System.Linq.Expressions;
using DuplexBus.Callbacks;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DuplexBus.Sagas;

public static class CallbackEndpointMapping
{
    /// <summary>Stores a saga's <see cref="CallbackEndpoint"/> in <c>callback_*</c> columns of the saga's own row.</summary>
    public static EntityTypeBuilder<TSaga> OwnsCallbackEndpoint<TSaga>(this EntityTypeBuilder<TSaga> builder, Expression<Func<TSaga, CallbackEndpoint?>> callback)
        where TSaga : class
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.OwnsOne(callback, c =>
        {
            c.Property(e => e.Address).HasColumnName("callback_address").HasMaxLength(2048);
            c.Property(e => e.SoapVersion).HasColumnName("callback_soap_version").HasMaxLength(8);
            c.Property(e => e.AddressingVersion).HasColumnName("callback_addressing_version").HasMaxLength(8);
            c.Property(e => e.ReferenceParameters).HasColumnName("callback_reference_parameters");
            c.Property(e => e.TraceParent).HasColumnName("callback_trace_parent").HasMaxLength(55);
            c.Property(e => e.EchoActivityId).HasColumnName("callback_echo_activity_id");
        });
    }
}
