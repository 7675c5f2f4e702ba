using System.Globalization;
using System.Text.Json;

namespace ChatBot.Keliweb.Products;

/// <summary>
/// Reads get-clients-products' success answer. WHMCS nests the list as <c>products.product[]</c>, Keliweb's table
/// calls it an array, and both answer <c>"products": ""</c> when there are none: all three are read, and so is a
/// list whose items are not all well formed (those items are skipped, the rest still offered).
/// </summary>
internal static class ClientProductsAnswer
{
    /// <summary>More than any page is asked for: a larger claim is not believed (it sizes nothing, but it ends paging).</summary>
    public const int MaxTotalResults = 100_000;

    public static ClientProductsPage? Read(KeliwebResponseBody body)
    {
        var products = new List<ClientProduct>();
        if (body.Root.TryGetProperty("products", out var list))
        {
            var items = list.ValueKind switch
            {
                JsonValueKind.Array => list,
                JsonValueKind.Object when list.TryGetProperty("product", out var nested) => nested,
                _ => default,
            };
            if (items.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in items.EnumerateArray())
                {
                    if (Product(item) is { } product)
                    {
                        products.Add(product);
                    }
                }
            }
            else if (items.ValueKind == JsonValueKind.Object && items.TryGetProperty("id", out _))
            {
                // XML-shaped WHMCS answers turn a list of one into the item itself.
                if (Product(items) is { } product)
                {
                    products.Add(product);
                }
            }
            else if (items.ValueKind == JsonValueKind.Object)
            {
                // PHP's json_encode writes a list with non-sequential keys as an object.
                foreach (var property in items.EnumerateObject())
                {
                    if (Product(property.Value) is { } product)
                    {
                        products.Add(product);
                    }
                }
            }
            else if (list.ValueKind is not (JsonValueKind.String or JsonValueKind.Null or JsonValueKind.Object))
            {
                return null;
            }
        }

        var total = body.Int("totalresults") is >= 0 and <= MaxTotalResults and var claimed ? claimed : products.Count;
        return new ClientProductsPage(products, Math.Max(total, products.Count));
    }

    private static ClientProduct? Product(JsonElement item)
    {
        if (item.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var body = new KeliwebResponseBody(item);
        if (body.Int("id") is not (> 0 and var id))
        {
            return null;
        }

        var name = Text(body.String("translated_name")) ?? Text(body.String("name")) ?? Text(body.String("groupname"))
            ?? "#" + id.ToString(CultureInfo.InvariantCulture);
        return new ClientProduct(id, name, Text(body.String("domain")), Text(body.String("status")));
    }

    /// <summary>Trimmed, without control characters, and null when nothing is left.</summary>
    private static string? Text(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var clean = string.Concat(value.Where(c => !char.IsControl(c))).Trim();
        return clean.Length == 0 ? null : clean;
    }
}
