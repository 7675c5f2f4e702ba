using ChatBot.Slack;
using ChatBot.Slack.Handlers;
using ChatBot.Slack.Payloads;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Slack.Handlers;

public sealed class SlackHandlerRegistryTests
{
    private sealed class Echo : ISlackHandler<SlashCommand>
    {
        public Task<SlackAck> HandleAsync(SlashCommand payload, CancellationToken cancellationToken) => Task.FromResult(SlackAck.Empty);
    }

    [Fact]
    public void DuplicateKey_StopsTheStart()
    {
        var services = new ServiceCollection()
            .AddSlackHandler<SlashCommand, Echo>("/ticket")
            .AddSlackHandler<SlashCommand, Echo>("/ticket")
            .AddSingleton<SlackHandlerRegistry>()
            .BuildServiceProvider();
        var error = Assert.Throws<InvalidOperationException>(() => services.GetRequiredService<SlackHandlerRegistry>());
        Assert.Contains("'/ticket'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SameKeyForDifferentPayloads_IsFine_AndUnknownKeysFindNothing()
    {
        using var services = new ServiceCollection()
            .AddSlackHandler<SlashCommand, Echo>("/ticket")
            .AddSingleton(new SlackHandlerRegistration(typeof(MessageActionPayload), "/ticket", typeof(Echo)))
            .AddSingleton<SlackHandlerRegistry>()
            .BuildServiceProvider();
        var registry = services.GetRequiredService<SlackHandlerRegistry>();
        using var scope = services.CreateScope();
        Assert.IsType<Echo>(registry.Find<SlashCommand>("/ticket", scope.ServiceProvider));
        Assert.Null(registry.Find<SlashCommand>("/weather", scope.ServiceProvider));
    }

    [Theory]
    [InlineData("secret", null, "Slack is partly configured: Slack:BotToken missing.")]
    [InlineData(null, "xoxb-1", "Slack is partly configured: Slack:SigningSecret missing.")]
    public void PartialCredentials_NameTheMissingKey_Once(string? secret, string? token, string message)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = secret,
            ["Slack:BotToken"] = token,
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSlack(configuration).BuildServiceProvider();
        var problem = Assert.Single(ChatBot.Settings.SettingsRegistration.AllProblems(services, configuration));
        Assert.StartsWith(message, problem, StringComparison.Ordinal);
    }

    [Fact]
    public void NoCredentials_LeavesSlackDisabledWithDefaults()
    {
        using var services = new ServiceCollection().AddLogging().AddSlack(new ConfigurationBuilder().Build()).BuildServiceProvider();
        var options = services.GetRequiredService<IOptions<SlackOptions>>().Value;
        Assert.False(options.IsEnabled);
        Assert.Equal(new Uri("https://slack.com/api/"), options.ApiBaseUrl);
        Assert.Equal(["files.slack.com"], options.FileHosts);
    }

    [Fact]
    public void PlainHttpApiUrlOffLoopback_IsRefused()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Slack:SigningSecret"] = "s",
            ["Slack:BotToken"] = "xoxb-1",
            ["Slack:ApiBaseUrl"] = "http://slack.example.com/api/",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddSlack(configuration).BuildServiceProvider();
        Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<SlackOptions>>().Value);
    }
}
