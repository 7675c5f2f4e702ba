using ChatBot.Keliweb;
using ChatBot.Tickets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChatBot.Tests.Tickets;

/// <summary>The build-time generated validators: every annotated setting, including each department and custom field.</summary>
public sealed class TicketsOptionsValidationTests
{
    [Theory]
    [InlineData("Tickets:Departments:0:Id", "0", "Id")]
    [InlineData("Tickets:Departments:0:Name", "", "Name")]
    [InlineData("Tickets:CustomFields:0:Label", "", "Label")]
    [InlineData("Tickets:MaxFiles", "21", "MaxFiles")]
    [InlineData("Tickets:WorkerConcurrency", "0", "WorkerConcurrency")]
    public void InvalidTicketSetting_IsRefused_NamingIt(string key, string value, string member)
    {
        var settings = new Dictionary<string, string?>
        {
            ["Tickets:Departments:0:Id"] = "1",
            ["Tickets:Departments:0:Name"] = "Support",
            ["Tickets:CustomFields:0:Id"] = "3",
            ["Tickets:CustomFields:0:Label"] = "Domain",
            [key] = value,
        };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve<TicketsOptions>(s => s.AddTickets(Configuration(settings))));

        Assert.Contains(error.Failures, f => f.Contains(member, StringComparison.Ordinal));
    }

    [Fact]
    public void ValidTicketSettings_AreAccepted()
    {
        var settings = new Dictionary<string, string?> { ["Tickets:Departments:0:Id"] = "1", ["Tickets:Departments:0:Name"] = "Support" };

        Assert.Equal("Support", Resolve<TicketsOptions>(s => s.AddTickets(Configuration(settings))).Departments.Single().Name);
    }

    [Fact]
    public void KeliwebRequestLimitBelowTheMinimum_IsRefused()
    {
        var settings = new Dictionary<string, string?> { ["Keliweb:MaxRequestBytes"] = "1000" };

        var error = Assert.Throws<OptionsValidationException>(() => Resolve<KeliwebOptions>(s => s.AddKeliweb(Configuration(settings))));

        Assert.Contains(error.Failures, f => f.Contains("MaxRequestBytes", StringComparison.Ordinal));
    }

    private static IConfiguration Configuration(Dictionary<string, string?> settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings).Build();

    private static T Resolve<T>(Action<IServiceCollection> register)
        where T : class
    {
        var services = new ServiceCollection().AddLogging();
        register(services);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<T>>().Value;
    }
}
