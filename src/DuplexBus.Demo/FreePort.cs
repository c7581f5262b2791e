using System.Net;
using System.Net.Sockets;

namespace DuplexBus.Demo;

/// <summary>A loopback TCP port that was free a moment ago, for a child process that must be told its port.</summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
