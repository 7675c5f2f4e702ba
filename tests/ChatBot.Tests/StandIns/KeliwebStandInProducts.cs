using System.Net.Http.Json;

namespace ChatBot.Tests.StandIns;

/// <summary>A service the stand-in lists for an account (get-clients-products); the rest of WHMCS's fields are filled in.</summary>
public sealed record StandInProduct(int Id, string Name, string? Domain = null, string Status = "Active");

/// <summary>One get-clients-products call as the stand-in saw it: whose token, and which page.</summary>
public sealed record StandInProductsRequest(string? Owner, int? Clientid, int Limitstart, int Limitnum);

/// <summary>How get-clients-products writes the list: WHMCS's <c>{"product":[..]}</c> (and <c>""</c> for none), a bare array, or a raw body.</summary>
public enum StandInProductsShape
{
    Nested,
    Array,
    Raw,
}

public sealed partial class KeliwebStandIn
{
    public const string GetClientsProducts = "get-clients-products";

    /// <summary>
    /// The services of the account that logs in as <paramref name="email"/>; from then on open-ticket refuses that
    /// account's tickets with a serviceid not among them (<c>Service ID Not Found</c>), as WHMCS does per client.
    /// </summary>
    /// <param name="clientId">Only for requests naming this client (an account serving several, as a reseller's does).</param>
    public Task SetProductsAsync(
        string email, IEnumerable<StandInProduct> products, StandInProductsShape shape = StandInProductsShape.Nested, string? raw = null, int? clientId = null) =>
        PostAsync("products", new
        {
            email,
            clientid = clientId,
            products = products.Select(p => new { id = p.Id, name = p.Name, domain = p.Domain, status = p.Status }).ToList(),
            shape = shape switch { StandInProductsShape.Array => "array", StandInProductsShape.Raw => "raw", _ => "nested" },
            raw,
        });

    public async Task<IReadOnlyList<StandInProductsRequest>> GetProductsRequestsAsync() =>
        (await control.GetFromJsonAsync<ProductsState>("state", Json))!.ProductsRequests;

    private sealed record ProductsState(List<StandInProductsRequest> ProductsRequests);
}
