using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// A server on 127.0.0.1 that a hostile client would name (a file URL, a serviceUrl): it answers every request with
/// 200 and a small JSON body, and records what reached it, Authorization header included. Over https it uses a
/// self-signed certificate, which only a client told to accept it (see <see cref="TrustingHandler"/>) will talk to.
/// </summary>
public sealed class RecordingServer : IAsyncDisposable
{
    public const string Body = "{\"id\":\"recorded-1\"}";

    private readonly WebApplication app;
    private readonly ConcurrentQueue<RecordedRequest> requests = new();

    private readonly X509Certificate2? certificate;

    private RecordingServer(WebApplication app, X509Certificate2? certificate)
    {
        this.app = app;
        this.certificate = certificate;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public IReadOnlyList<RecordedRequest> Requests => requests.ToArray();

    public static async Task<RecordingServer> StartAsync(bool https = false)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Services.Configure<Microsoft.Extensions.Hosting.HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromMilliseconds(200));
        var certificate = https ? SelfSignedCertificate() : null;
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var server = new RecordingServer(app, certificate);
        app.Run(async http =>
        {
            server.requests.Enqueue(new RecordedRequest(
                http.Request.Method, http.Request.Host.Value ?? "", http.Request.Path + http.Request.QueryString,
                http.Request.Headers.Authorization.Count == 0 ? null : http.Request.Headers.Authorization.ToString()));
            http.Response.ContentType = "application/json";
            await http.Response.WriteAsync(Body);
        });
        await app.StartAsync();
        server.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return server;
    }

    /// <summary>
    /// A client handler that connects every host name to this server and accepts its certificate (that one only): the bot then
    /// "reaches" <c>https://any.host.example/</c>, as it would on a network where that name resolves.
    /// </summary>
    public SocketsHttpHandler TrustingHandler() => new()
    {
        AllowAutoRedirect = false,
        ConnectCallback = async (_, cancellationToken) =>
        {
            var socket = new System.Net.Sockets.Socket(System.Net.Sockets.SocketType.Stream, System.Net.Sockets.ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(IPAddress.Loopback, BaseUrl.Port, cancellationToken);
            return new System.Net.Sockets.NetworkStream(socket, ownsSocket: true);
        },
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && certificate is not null && presented.GetCertHashString() == certificate.GetCertHashString() },
    };

    public async ValueTask DisposeAsync()
    {
        await app.DisposeAsync();
        certificate?.Dispose();
    }

    private static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=recording-server", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs a key it can use from the store-less PFX form on Linux.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }
}

public sealed record RecordedRequest(string Method, string Host, string PathAndQuery, string? Authorization);
