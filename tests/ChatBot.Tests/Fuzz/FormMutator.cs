using System.Text;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Mutations of an <c>application/x-www-form-urlencoded</c> body, field by field on the raw (still encoded) pairs:
/// a field dropped, duplicated, emptied, made huge or hostile, its percent-encoding broken, a pair without '=' or
/// without a name.
/// </summary>
public static class FormMutator
{
    private static readonly string[] BadEncodings = ["%", "%Z", "%G1", "%E9", "%FF%FE", "%C3", "%C0%AF", "%ED%A0%80", "%00", "%%41"];

    private static readonly string[] HostileValues =
    [
        "%2Fticket", "%2Fticket%20link", "%2Fticket%20unlink", "%2Fticket%20help", "%2Fticket%20whoami", "%2Fother", "http%3A%2F%2F%5Bbad",
        "%3C%40U0SUPPORT1%3E", "%26amp%3B", "-1", "9999999999999999999999", "true", "%20", "%0A%0A", "%F0%9F%98%80",
    ];

    /// <summary>The raw pairs of <paramref name="form"/> (no decoding).</summary>
    public static List<string> Pairs(string form) => [.. form.Split('&')];

    public static string Join(IEnumerable<string> pairs) => string.Join('&', pairs);

    /// <summary>Applies one mutation to <paramref name="pairs"/> (changed in place) and says what it did.</summary>
    public static string Mutate(List<string> pairs, Random random)
    {
        if (pairs.Count == 0)
        {
            pairs.Add("text=x");
            return "a field added to an empty form";
        }

        var at = random.Next(pairs.Count);
        var (name, value) = Split(pairs[at]);
        switch (random.Next(9))
        {
            case 0:
                pairs.RemoveAt(at);
                return $"field {name} dropped";
            case 1:
                pairs.Insert(random.Next(pairs.Count + 1), name + "=" + (random.Next(2) == 0 ? value : "other"));
                return $"field {name} duplicated";
            case 2:
                pairs[at] = name + "=";
                return $"field {name} emptied";
            case 3:
                var length = random.Next(2) == 0 ? 5_000 : 1_100_000;
                pairs[at] = name + "=" + new StringBuilder().Insert(0, "A%26", length / 4).ToString();
                return $"field {name} set to {length} characters";
            case 4:
                var bad = BadEncodings[random.Next(BadEncodings.Length)];
                var cut = random.Next(value.Length + 1);
                pairs[at] = name + "=" + value[..cut] + bad + value[cut..];
                return $"field {name} with bad percent-encoding {bad}";
            case 5:
                pairs[at] = name;
                return $"field {name} without '='";
            case 6:
                pairs[at] = "=" + value;
                return $"field {name} without a name";
            case 7:
                var hostile = HostileValues[random.Next(HostileValues.Length)];
                pairs[at] = name + "=" + hostile;
                return $"field {name} set to {hostile}";
            default:
                pairs.Insert(at, random.Next(2) == 0 ? "" : "&");
                return "an empty pair inserted";
        }
    }

    private static (string Name, string Value) Split(string pair)
    {
        var equals = pair.IndexOf('=', StringComparison.Ordinal);
        return equals < 0 ? (pair, "") : (pair[..equals], pair[(equals + 1)..]);
    }
}
