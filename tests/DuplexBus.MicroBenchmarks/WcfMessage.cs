namespace DuplexBus.MicroBenchmarks;

/// <summary>The one-way AddItem request in each wire shape the benchmarks read.</summary>
public enum WcfMessage
{
    /// <summary>WS-RM 1.1, SOAP 1.2, WS-Addressing 1.0 (CustomBinding with ReliableSessionBindingElement).</summary>
    Rm11Soap12,

    /// <summary>WS-RM 1.0, SOAP 1.1, WS-Addressing 2004/08.</summary>
    Rm10Soap11,

    /// <summary>Plain SOAP 1.1 without addressing (BasicHttpBinding).</summary>
    PlainSoap11,
}
