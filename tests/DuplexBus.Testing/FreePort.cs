using System.Net;
using System.Net.Sockets;

namespace DuplexBus.Testing;

/// <summary>Hands out loopback TCP ports that were free a moment ago.</summary>
public static class FreePort
{
    private static readonly HashSet<int> Issued = [];
    private static readonly Lock Gate = new();

    /// <summary>
    /// Asks the kernel for an ephemeral port on 127.0.0.1. A port handed out before in this process is
    /// never returned again, because servers given the same port by two callers would fight over it.
    /// </summary>
    public static int Next()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            var port = ((IPEndPoint)listener.LocalEndpoint).Port;
            listener.Stop();
            lock (Gate)
            {
                if (Issued.Add(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException("No unused loopback port found after 100 attempts.");
    }
}
