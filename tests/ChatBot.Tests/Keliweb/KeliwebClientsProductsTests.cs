using ChatBot.Keliweb;
using ChatBot.Keliweb.Products;
using ChatBot.Tests.StandIns;

namespace ChatBot.Tests.Keliweb;

/// <summary>get-clients-products against the PHP stand-in: every shape WHMCS and Keliweb answer in, paging, and what is kept.</summary>
public sealed class KeliwebClientsProductsTests : IAsyncLifetime
{
    private KeliwebTestHost host = null!;

    public async Task InitializeAsync() => host = await KeliwebTestHost.StartAsync();

    public async Task DisposeAsync() => await host.DisposeAsync();

    private static readonly StandInProduct[] Two =
    [
        new(101, "Hosting Starter", "negozio.it"),
        new(102, "VPS Pro", "server.example.com", "Suspended"),
    ];

    [Theory]
    [InlineData(StandInProductsShape.Nested)]
    [InlineData(StandInProductsShape.Array)]
    public async Task GetClientsProducts_ReadsTheServices_WhetherNestedOrABareArray(StandInProductsShape shape)
    {
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, Two, shape);

        var result = await host.Client.GetClientsProductsAsync(KeliwebOptions.DefaultAccountId, 7, 0, 25, CancellationToken.None);

        var page = Assert.IsType<KeliwebResult<ClientProductsPage>.Success>(result).Value;
        Assert.Equal([new ClientProduct(101, "Hosting Starter", "negozio.it", "Active"), new ClientProduct(102, "VPS Pro", "server.example.com", "Suspended")], page.Products);
        Assert.Equal(2, page.TotalResults);
        var request = Assert.Single(await host.StandIn.GetProductsRequestsAsync());
        Assert.Equal(new StandInProductsRequest(KeliwebStandIn.DefaultUsername, 7, 0, 25), request);
    }

    [Fact]
    public async Task GetClientsProducts_NoServices_WhmcsEmptyString_IsAnEmptyList()
    {
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, []);

        var result = await host.Client.GetClientsProductsAsync(KeliwebOptions.DefaultAccountId, null, 0, 25, CancellationToken.None);

        var page = Assert.IsType<KeliwebResult<ClientProductsPage>.Success>(result).Value;
        Assert.Empty(page.Products);
        Assert.Equal(0, page.TotalResults);
        Assert.Null(Assert.Single(await host.StandIn.GetProductsRequestsAsync()).Clientid);
    }

    [Fact]
    public async Task GetClientsProducts_Pages_ByLimitStart()
    {
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, Enumerable.Range(1, 30).Select(i => new StandInProduct(i, $"Product {i}")));

        var second = await host.Client.GetClientsProductsAsync(KeliwebOptions.DefaultAccountId, null, 25, 25, CancellationToken.None);

        var page = Assert.IsType<KeliwebResult<ClientProductsPage>.Success>(second).Value;
        Assert.Equal([26, 27, 28, 29, 30], page.Products.Select(p => p.Id));
        Assert.Equal(30, page.TotalResults);
    }

    [Fact]
    public async Task GetClientsProducts_MalformedItems_AreSkipped_TheRestKept_AndNoPasswordIsRead()
    {
        const string raw = """
            {"result":"success","totalresults":"4","products":{"product":[
              {"id":"5","name":"Mail \u0007Pro ","domain":"","status":"Active","username":"u","password":"hunter2"},
              {"id":"x","name":"no id"}, "not an object", null,
              {"id":-3,"name":"negative"},
              {"id":6,"translated_name":"Dominio .it","name":"Domain .it","domain":"shop.it"}]}}
            """;
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, [], StandInProductsShape.Raw, raw);

        var result = await host.Client.GetClientsProductsAsync(KeliwebOptions.DefaultAccountId, null, 0, 25, CancellationToken.None);

        var page = Assert.IsType<KeliwebResult<ClientProductsPage>.Success>(result).Value;
        Assert.Equal([new ClientProduct(5, "Mail Pro", null, "Active"), new ClientProduct(6, "Dominio .it", "shop.it", null)], page.Products);
        Assert.DoesNotContain("hunter2", page.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"result":"success","products":5}""")]
    [InlineData("""{"result":"error","message":"Client ID Not Found"}""")]
    [InlineData("""<html>busy</html>""")]
    public async Task GetClientsProducts_AnswerThatIsNoList_IsNotASuccess(string raw)
    {
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, [], StandInProductsShape.Raw, raw);

        var result = await host.Client.GetClientsProductsAsync(KeliwebOptions.DefaultAccountId, null, 0, 25, CancellationToken.None);

        Assert.IsNotType<KeliwebResult<ClientProductsPage>.Success>(result);
    }

    [Fact]
    public async Task OpenTicket_ServiceTheAccountDoesNotHave_IsRefusedByTheStandIn_LikeWhmcs()
    {
        await host.StandIn.SetProductsAsync(KeliwebStandIn.DefaultUsername, Two);

        var own = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket() with { ServiceId = 102 }, CancellationToken.None);
        var foreign = await host.Client.OpenTicketAsync(KeliwebOptions.DefaultAccountId, KeliwebTestHost.ClientTicket() with { ServiceId = 999 }, CancellationToken.None);

        Assert.IsType<KeliwebResult<OpenedTicket>.Success>(own);
        Assert.Equal("Service ID Not Found", Assert.IsType<KeliwebResult<OpenedTicket>.ApiError>(foreign).Message);
        Assert.Equal(102, Assert.Single(await host.StandIn.GetTicketsAsync()).ServiceId);
    }
}
