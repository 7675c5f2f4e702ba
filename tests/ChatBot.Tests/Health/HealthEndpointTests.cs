using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ChatBot.Tests.Health;

/// <summary>The real host with nothing configured (a fresh clone) answers its health endpoints.</summary>
public sealed class HealthEndpointTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("chatbot-test-health-").FullName;

    [Fact]
    public async Task FreshStart_WithNoConfiguration_IsAliveAndReady()
    {
        await using var factory = new WebApplicationFactory<Program>()
            .WithWebHostBuilder(b => b.UseSetting("Storage:DataPath", _data));
        using var client = factory.CreateClient();

        var healthz = await client.GetAsync(new Uri("/healthz", UriKind.Relative));
        var readyz = await client.GetAsync(new Uri("/readyz", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, healthz.StatusCode);
        Assert.Equal(HttpStatusCode.OK, readyz.StatusCode);
        Assert.True(File.Exists(Path.Combine(_data, "chatbot.db")));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_data, recursive: true);
    }
}
