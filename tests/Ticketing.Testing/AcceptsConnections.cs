using System.Net;
using System.Net.Sockets;
using DotNet.Testcontainers.Configurations;
using DotNet.Testcontainers.Containers;

namespace Ticketing.Testing;

/// <summary>
/// A container on the host's network is ready once its server accepts a TCP connection on its loopback port, which
/// is the host's: no port mapping to look up, and no tool needed inside the image.
/// </summary>
internal sealed class AcceptsConnections(int port) : IWaitUntil
{
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(1);

    public async Task<bool> UntilAsync(IContainer container)
    {
        using var tcp = new TcpClient();
        using var timeout = new CancellationTokenSource(ConnectTimeout);
        try
        {
            await tcp.ConnectAsync(IPAddress.Loopback, port, timeout.Token);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            return false;
        }
    }
}
