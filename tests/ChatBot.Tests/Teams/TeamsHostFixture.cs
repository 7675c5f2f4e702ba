namespace ChatBot.Tests.Teams;

/// <summary>One app with its stand-ins per test class; tests use fresh conversation and user ids.</summary>
public sealed class TeamsHostFixture : IAsyncLifetime
{
    public TeamsTestHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await TeamsTestHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
