using System.Collections.Concurrent;
using ChatBot.Keliweb;
using ChatBot.Tests.StandIns;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChatBot.Tests.Keliweb;

/// <summary>Whatever is logged, at any level, carries no token, password, client secret or ticket access key.</summary>
public sealed class KeliwebLoggingTests : IDisposable
{
    private readonly TemporaryFiles files = new();

    public void Dispose() => files.Dispose();

    [Fact]
    public async Task FullFlowLoggedAtTrace_ContainsNoSecrets()
    {
        await using var standIn = await KeliwebStandIn.StartAsync();
        var logs = new CapturingLoggerProvider();
        var services = new ServiceCollection()
            .AddLogging(logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Trace))
            .AddSingleton<IKeliwebTokenStore, InMemoryKeliwebTokenStore>()
            .AddKeliweb(new ConfigurationBuilder().AddInMemoryCollection(standIn.Configuration).Build())
            .BuildServiceProvider();
        await using var _ = services;
        var client = services.GetRequiredService<KeliwebClient>();
        var tokens = services.GetRequiredService<KeliwebTokenProvider>();
        var request = KeliwebTestHost.ClientTicket() with { Attachments = [new AttachmentFile("a.txt", files.Write("a.txt", "ciao"u8.ToArray()))] };

        var opened = Assert.IsType<KeliwebResult<OpenedTicket>.Success>(await client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, request, CancellationToken.None)).Value;
        await standIn.ExpireAccessTokensAsync();
        Assert.IsType<KeliwebResult<KeliwebTicket>.Success>(await client.GetTicketAsync(KeliwebOptions.DefaultAccountId, opened.Id, null, CancellationToken.None));
        await tokens.LoginAsync("acme", "mario@acme.it", KeliwebStandIn.UserPassword, CancellationToken.None);
        await tokens.LoginAsync("acme", "mario@acme.it", "wrong-password-123", CancellationToken.None);

        var secrets = (await standIn.GetTokenRequestsAsync())
            .SelectMany(r => new[] { r.AccessToken, r.RefreshToken })
            .OfType<string>()
            .Concat([opened.C, KeliwebStandIn.UserPassword, "wrong-password-123", KeliwebStandIn.ClientSecret])
            .ToList();
        Assert.True(secrets.Count >= 9, "expected tokens from three grants");
        Assert.NotEmpty(logs.Lines);
        Assert.Contains(logs.Lines, line => line.Contains(opened.Tid, StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.DoesNotContain(logs.Lines, line => line.Contains(secret, StringComparison.Ordinal));
        }
    }

    private sealed class CapturingLoggerProvider : ILoggerProvider
    {
        public ConcurrentQueue<string> Lines { get; } = new();

        public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class CapturingLogger(CapturingLoggerProvider provider, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
            {
                provider.Lines.Enqueue($"{category} scope: {Describe(state)}");
                return null;
            }

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                provider.Lines.Enqueue($"{category} {logLevel}: {formatter(state, exception)} | {Describe(state)} | {exception}");

            // Structured values too, not only the rendered message: a sink may store them.
            private static string Describe<TState>(TState state) => state is IEnumerable<KeyValuePair<string, object?>> values
                ? string.Join("; ", values.Select(v => $"{v.Key}={v.Value}"))
                : $"{state}";
        }
    }
}
