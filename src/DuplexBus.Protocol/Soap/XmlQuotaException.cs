namespace DuplexBus.Protocol.Soap;

/// <summary>An envelope passed one of its quotas while it was read; the edge answers <see cref="SoapFaults.QuotaExceeded"/>.</summary>
internal sealed class XmlQuotaException(XmlQuota quota, long limit) : Exception($"The XML passed its {quota} quota of {limit}.")
{
    public XmlQuota Quota { get; } = quota;

    public long Limit { get; } = limit;
}
