using System.Net;
using System.Net.Sockets;

namespace DuplexBus.Testing.Proxy;

/// <summary>
/// A TCP forwarder on 127.0.0.1 in front of a server (PostgreSQL, say), so a test can cut the path without the server
/// noticing. <see cref="Blackhole"/> stops forwarding in both directions without closing anything: connections stay
/// open and hang, new ones are accepted and never answered, as behind a silent network partition. <see cref="Heal"/>
/// lets the held bytes through, as TCP retransmission would after the partition. <see cref="ResetAll"/> aborts every
/// connection with a reset instead.
/// </summary>
public sealed class TcpProxy : IAsyncDisposable
{
    private const int BufferSize = 16 * 1024;
    private readonly IPEndPoint target;
    private readonly TcpListener listener;
    private readonly CancellationTokenSource stopping = new();
    private readonly PauseGate gate = new();
    private readonly Lock connectionsGate = new();
    private readonly List<(Socket Client, Socket Server)> connections = [];
    private readonly Task acceptLoop;
    private int accepted;

    private TcpProxy(IPEndPoint target)
    {
        this.target = target;
        listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
        acceptLoop = Task.Run(AcceptLoopAsync);
    }

    /// <summary>The loopback port clients connect to instead of the target's.</summary>
    public int Port { get; }

    /// <summary>True while bytes are held.</summary>
    public bool IsBlackholed { get; private set; }

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary>Connections open right now.</summary>
    public int Open
    {
        get
        {
            lock (connectionsGate)
                return connections.Count;
        }
    }

    public static TcpProxy Start(int targetPort) => new(new IPEndPoint(IPAddress.Loopback, targetPort));

    /// <summary>Stops forwarding: nothing is closed, every byte waits, new connections hang before they reach the target.</summary>
    public void Blackhole()
    {
        IsBlackholed = true;
        gate.Pause();
    }

    /// <summary>Forwards again, held bytes first.</summary>
    public void Heal()
    {
        IsBlackholed = false;
        gate.Resume();
    }

    /// <summary>Aborts every open connection with a TCP reset (new connections are still accepted).</summary>
    public void ResetAll()
    {
        List<(Socket Client, Socket Server)> open;
        lock (connectionsGate)
            open = [.. connections];
        foreach (var (client, server) in open)
        {
            Abort(client);
            Abort(server);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await stopping.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        gate.Resume();
        ResetAll();
        try
        {
            await acceptLoop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        stopping.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            Interlocked.Increment(ref accepted);
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(Socket client)
    {
        var server = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        (Socket, Socket) pair = (client, server);
        try
        {
            // A blackholed path does not even complete the connection to the target.
            await gate.PassAsync(stopping.Token).ConfigureAwait(false);
            await server.ConnectAsync(target, stopping.Token).ConfigureAwait(false);
            lock (connectionsGate)
                connections.Add(pair);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException or IOException)
        {
        }
        finally
        {
            lock (connectionsGate)
                connections.Remove(pair);
            Abort(client);
            Abort(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[BufferSize];
        try
        {
            while (true)
            {
                // Waiting before the read (not only before the write) keeps bytes in the kernel, so the sender's
                // window fills and its writes hang too, as on a real partition.
                await gate.PassAsync(stopping.Token).ConfigureAwait(false);
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, stopping.Token).ConfigureAwait(false);
                if (read == 0)
                    return;
                await gate.PassAsync(stopping.Token).ConfigureAwait(false);
                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, stopping.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }
    }

    private static void Abort(Socket socket)
    {
        try
        {
            // Linger 0 turns the close into a reset.
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
        }
    }
}
