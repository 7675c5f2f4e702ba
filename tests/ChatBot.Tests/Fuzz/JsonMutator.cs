using System.Text;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// Structural mutations of a JSON document, chosen by a seeded <see cref="Random"/>: one member or element is dropped,
/// set to null, to the wrong JSON type, to an empty, huge or hostile string, to a huge or negative number, to deep
/// nesting; or an array gets null elements. <see cref="Serialize"/> then writes the bytes, where
/// <see cref="ByteMutator"/> may truncate them or break their UTF-8.
/// </summary>
public static class JsonMutator
{
    /// <summary>Stands for deep nesting until <see cref="Serialize"/> writes it (System.Text.Json refuses to build it).</summary>
    private const string DeepMarker = "__fuzz_deep_nesting__";

    private static readonly string[] HostileStrings =
    [
        "http://[bad", "javascript:alert(1)", "https://evil.example/login", "../../../../etc/passwd", "\u0000", "\u202Eexe.txt",
        "<@U0SUPPORT1> <!channel>", "&amp; &lt; &gt;", "[Open your ticket](https://evil.example/) **URGENT**", "<script>alert(1)</script>",
        "9999999999", "-1", "1e400", "NaN", "true", "null", " ", "\n\n", "😀", "\uD800", "%00", "0x7fffffff", "{}", "[]",
        "view_submission", "block_actions", "message_action", "invoke", "message", "composeExtension/fetchTask", "msteams",
    ];

    private static readonly string[] HugeNumbers = ["2147483648", "9223372036854775807", "18446744073709551616", "1e308", "1e400", "0.5", "1073741824"];

    private static readonly string[] NegativeNumbers = ["-1", "-2147483648", "-9223372036854775808", "-1e308", "-0"];

    /// <summary>Applies one mutation somewhere in <paramref name="root"/> (changed in place) and returns the document and what was done.</summary>
    public static (JsonNode? Root, string Description) Mutate(JsonNode? root, Random random)
    {
        var locations = new List<Location>();
        Collect(root, "$", locations);
        var kind = random.Next(12);
        if (locations.Count == 0)
        {
            return (JsonValue.Create("x"), "root replaced by a string");
        }

        if (kind == 11)
        {
            // The array mutation needs an array: look for one first.
            var arrays = locations.Where(l => l.Value is JsonArray).ToList();
            if (arrays.Count > 0)
            {
                var array = (JsonArray)arrays[random.Next(arrays.Count)].Value!;
                var at = random.Next(array.Count + 1);
                array.Insert(at, null);
                return (root, $"{PathOf(arrays, array)}[{at}] inserted null");
            }
        }

        var location = locations[random.Next(locations.Count)];
        var (replacement, what) = kind switch
        {
            0 => (Drop, "dropped"),
            1 => (null, "set to null"),
            2 => WrongType(location.Value, random),
            3 => (JsonValue.Create(""), "set to empty string"),
            4 => HugeString(random),
            5 => (JsonNode.Parse(HugeNumbers[random.Next(HugeNumbers.Length)]), "set to a huge number"),
            6 => (JsonNode.Parse(NegativeNumbers[random.Next(NegativeNumbers.Length)]), "set to a negative number"),
            7 => (JsonValue.Create(DeepMarker), "set to deep nesting"),
            8 or 9 => Hostile(random),
            10 => Wrapped(location.Value, random),
            _ => (null, "set to null"),
        };

        if (location.Parent is null)
        {
            return (ReferenceEquals(replacement, Drop) ? null : replacement, "root " + what);
        }

        Replace(location, replacement);
        return (root, $"{location.Path} {what}");
    }

    /// <summary>The document's bytes, deep nesting markers expanded.</summary>
    public static byte[] Serialize(JsonNode? root, Random random)
    {
        var text = root is null ? "null" : root.ToJsonString();
        var marker = "\"" + DeepMarker + "\"";
        if (text.Contains(marker, StringComparison.Ordinal))
        {
            var depth = random.Next(3) switch { 0 => 65, 1 => 1_000, _ => 20_000 };
            var objects = random.Next(2) == 0;
            var nested = objects
                ? new StringBuilder().Insert(0, "{\"a\":", depth).Append('1').Append('}', depth).ToString()
                : new StringBuilder().Append('[', depth).Append(']', depth).ToString();
            text = text.Replace(marker, nested, StringComparison.Ordinal);
        }

        return Encoding.UTF8.GetBytes(text);
    }

    private static readonly JsonNode Drop = JsonValue.Create("__fuzz_drop__");

    private static void Replace(Location location, JsonNode? replacement)
    {
        var drop = ReferenceEquals(replacement, Drop);
        switch (location.Parent)
        {
            case JsonObject o:
                if (drop)
                {
                    o.Remove(location.Name!);
                }
                else
                {
                    o[location.Name!] = replacement;
                }

                break;
            case JsonArray a:
                if (drop)
                {
                    a.RemoveAt(location.Index);
                }
                else
                {
                    a[location.Index] = replacement;
                }

                break;
        }
    }

    private static (JsonNode?, string) WrongType(JsonNode? value, Random random) => value switch
    {
        JsonObject => random.Next(2) == 0 ? (new JsonArray(), "object set to an array") : (JsonValue.Create("x"), "object set to a string"),
        JsonArray => random.Next(2) == 0 ? (new JsonObject(), "array set to an object") : (JsonValue.Create(7), "array set to a number"),
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String =>
            random.Next(3) switch { 0 => (JsonValue.Create(42), "string set to a number"), 1 => (JsonValue.Create(true), "string set to a boolean"), _ => (new JsonObject(), "string set to an object") },
        JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.Number =>
            random.Next(2) == 0 ? (JsonValue.Create("12"), "number set to a string") : (new JsonArray(), "number set to an array"),
        not null => (JsonValue.Create("false"), "value set to a string"),
        null => random.Next(2) == 0 ? (new JsonObject(), "null set to an object") : (JsonValue.Create(0), "null set to a number"),
    };

    private static (JsonNode?, string) HugeString(Random random)
    {
        // Entities, wide characters and surrogate pairs: text that grows when escaped and must not be cut mid-character.
        var unit = random.Next(3) switch { 0 => "A", 1 => "Q3 & Q4 <invoices> è ", _ => "😀&" };
        var length = random.Next(4) switch { 0 => 3_001, 1 => 40_001, 2 => 150_000, _ => 1_100_000 };
        var text = new StringBuilder(length + unit.Length);
        while (text.Length < length)
        {
            text.Append(unit);
        }

        return (JsonValue.Create(text.ToString()), $"set to a string of {text.Length} characters");
    }

    private static (JsonNode?, string) Hostile(Random random)
    {
        var text = HostileStrings[random.Next(HostileStrings.Length)];
        return (JsonValue.Create(text), "set to " + System.Text.Json.JsonSerializer.Serialize(text));
    }

    /// <summary>The value one level deeper (an array of it, or an object holding it): shapes a lenient reader might take.</summary>
    private static (JsonNode?, string) Wrapped(JsonNode? value, Random random) => random.Next(2) == 0
        ? (new JsonArray(value?.DeepClone()), "wrapped in an array")
        : (new JsonObject { ["value"] = value?.DeepClone() }, "wrapped in an object");

    private static void Collect(JsonNode? node, string path, List<Location> into)
    {
        into.Add(new Location(null, null, -1, node, path));
        CollectChildren(node, path, into);
    }

    private static void CollectChildren(JsonNode? node, string path, List<Location> into)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, child) in o)
                {
                    var childPath = path + "." + name;
                    into.Add(new Location(o, name, -1, child, childPath));
                    CollectChildren(child, childPath, into);
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    into.Add(new Location(a, null, i, a[i], childPath));
                    CollectChildren(a[i], childPath, into);
                }

                break;
        }
    }

    private static string PathOf(List<Location> locations, JsonNode node) => locations.First(l => ReferenceEquals(l.Value, node)).Path;

    private sealed record Location(JsonNode? Parent, string? Name, int Index, JsonNode? Value, string Path);
}
