namespace ChatBot.Keliweb.Products;

/// <summary>
/// One of a client's services as get-clients-products lists it, reduced to what a form shows. WHMCS's answer also
/// carries the service's control-panel user name and password: they are never read, so they cannot reach a log or
/// a cache.
/// </summary>
/// <param name="Id">The service id (<c>tblhosting.id</c>): what open-ticket's <c>serviceid</c> takes.</param>
/// <param name="Name">The product's name, in the client's language when Keliweb translated it.</param>
/// <param name="Domain">The domain the service is for, when it has one.</param>
/// <param name="Status">WHMCS's status: Active, Pending, Suspended, Terminated, Cancelled, Fraud, Completed.</param>
public sealed record ClientProduct(int Id, string Name, string? Domain, string? Status);

/// <summary>One page of get-clients-products: its services and how many the client has in all.</summary>
public sealed record ClientProductsPage(IReadOnlyList<ClientProduct> Products, int TotalResults);
