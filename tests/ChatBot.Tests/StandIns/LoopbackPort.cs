using System.Net;
using System.Net.Sockets;

namespace ChatBot.Tests.StandIns;

/// <summary>A port free on 127.0.0.1 right now, for a server that must be told its address before it starts.</summary>
public static class LoopbackPort
{
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
