using System.Globalization;
using ChatBot.Keliweb.Products;

namespace ChatBot.Tickets.Services;

/// <summary>
/// A service of the requester's account as the forms offer it. Its <see cref="Value"/> is WHMCS's own notation
/// (<c>S123</c> for service 123, as open-ticket's <c>serviceid</c> accepts it too), so an option's value says which
/// parameter it becomes without a lookup.
/// </summary>
public sealed record AccountService(int Id, string Name, string? Domain, string? Status)
{
    public const string ServicePrefix = "S";

    /// <summary>The value of the "no service" choice a form may offer when the services cannot be loaded.</summary>
    public const string NoneValue = "none";

    public string Value => ServicePrefix + Id.ToString(CultureInfo.InvariantCulture);

    /// <summary>Services that still run come first in the lists; ended ones stay choosable (a billing question).</summary>
    public bool IsCurrent => Status is null || Status is "Active" or "Pending" or "Suspended";

    public static AccountService From(ClientProduct product) => new(product.Id, product.Name, product.Domain, product.Status);

    /// <summary>The option's text: name and domain, with the status when it is not active; at most <paramref name="maxLength"/> characters.</summary>
    public string Label(ServiceTexts texts, int maxLength)
    {
        var label = Domain is null ? Name : Name + " · " + Domain;
        if (Status is { } status && status != "Active")
        {
            label += " (" + texts.Status(status) + ")";
        }

        return label.Length <= maxLength ? label : string.Concat(label.AsSpan(0, maxLength - 1), "…");
    }

    /// <summary>The typed text anywhere in the name or the domain, ignoring case (and accents' case, as Italian needs).</summary>
    public bool Matches(string? query) =>
        string.IsNullOrWhiteSpace(query)
        || CultureInfo.InvariantCulture.CompareInfo.IndexOf(Name, query.Trim(), CompareOptions.IgnoreCase) >= 0
        || (Domain is not null && CultureInfo.InvariantCulture.CompareInfo.IndexOf(Domain, query.Trim(), CompareOptions.IgnoreCase) >= 0);

    /// <summary>
    /// What a form's submitted value asks for: no service (empty or <see cref="NoneValue"/>), service N (<c>SN</c>), or
    /// something no option of ours has (0, which no service has: refused wherever the services are known).
    /// </summary>
    public static int? ServiceIdFromValue(string? value)
    {
        if (string.IsNullOrWhiteSpace(value) || value == NoneValue)
        {
            return null;
        }

        return value.StartsWith(ServicePrefix, StringComparison.Ordinal)
            && int.TryParse(value.AsSpan(ServicePrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var id) && id > 0
            ? id
            : 0;
    }
}
