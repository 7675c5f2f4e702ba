using ChatBot.Tickets.Services;

namespace ChatBot.Tests.Tickets.Services;

public sealed class AccountServiceTests
{
    private static readonly ServiceList Services = new(
    [
        new AccountService(1, "Hosting Starter", "negozio.it", "Terminated"),
        new AccountService(2, "VPS Pro", "Server.Example.com", "Active"),
        new AccountService(3, "Città Mail", null, "Suspended"),
    ], true, DateTimeOffset.UnixEpoch);

    [Theory]
    [InlineData("server", new[] { 2 })]
    [InlineData("STARTER", new[] { 1 })]
    [InlineData("it", new[] { 3, 1 })]
    [InlineData("CITTÀ", new[] { 3 })]
    [InlineData("", new[] { 2, 3, 1 })]
    [InlineData("nothing", new int[0])]
    public void Search_MatchesNameOrDomainAnywhere_IgnoringCase_CurrentServicesFirst(string query, int[] expected)
    {
        Assert.Equal(expected, Services.Search(query, 100).Select(s => s.Id));
    }

    [Fact]
    public void Search_StopsAtTheMaximum()
    {
        Assert.Equal([2], Services.Search(null, 1).Select(s => s.Id));
    }

    [Fact]
    public void Label_NameDomainAndStatus_LocalizedAndCut()
    {
        Assert.Equal("Hosting Starter · negozio.it (terminato)", Services.Items[0].Label(ServiceTexts.Italian, 75));
        Assert.Equal("VPS Pro · Server.Example.com", Services.Items[1].Label(ServiceTexts.English, 75));
        var cut = new AccountService(4, new string('n', 80), "x.it", "Active").Label(ServiceTexts.English, 75);
        Assert.Equal(75, cut.Length);
        Assert.EndsWith("…", cut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("S42", 42)]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("none", null)]
    [InlineData("42", 0)]
    [InlineData("S-1", 0)]
    [InlineData("S0", 0)]
    [InlineData("D42", 0)]
    [InlineData("S99999999999", 0)]
    public void ServiceIdFromValue_OnlyOurOwnValuesNameAService(string? value, int? expected)
    {
        Assert.Equal(expected, AccountService.ServiceIdFromValue(value));
    }
}
