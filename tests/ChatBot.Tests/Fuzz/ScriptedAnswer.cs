using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.Fuzz;

/// <summary>
/// An upstream answer as the corpus writes it: <c>{"status":200,"headers":{"Retry-After":"7"},"body":…}</c>, where a
/// JSON body is sent as JSON and a string body as it is. The document is mutated whole, so this reads it leniently
/// (a status out of range is 200, a header that HTTP cannot carry is left out): the stand-in must still answer.
/// </summary>
public sealed record ScriptedAnswer(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public static ScriptedAnswer From(JsonNode? document, FuzzCase fuzzCase)
    {
        var answer = document as JsonObject;
        var status = answer?["status"] is JsonValue s && s.GetValueKind() == JsonValueKind.Number && s.TryGetValue<int>(out var code) && code is >= 200 and <= 599
            ? code
            : 200;
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (answer?["headers"] is JsonObject named)
        {
            foreach (var (name, value) in named)
            {
                var text = value is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : value?.ToJsonString() ?? "";
                if (IsToken(name) && text.Length < 8_000 && text.All(c => c is >= ' ' and <= '~'))
                {
                    headers[name] = text;
                }
            }
        }

        var body = answer is not null && answer.TryGetPropertyValue("body", out var node)
            ? node is JsonValue b && b.GetValueKind() == JsonValueKind.String ? Encoding.UTF8.GetBytes(b.GetValue<string>()) : JsonMutator.Serialize(node, fuzzCase.Random)
            : [];
        return new ScriptedAnswer(status, headers, fuzzCase.MaybeBreak(body));
    }

    /// <summary>A stand-in's answers for one case: the document's <c>answers</c> array, in the order requests arrive.</summary>
    public static IReadOnlyList<ScriptedAnswer> ListFrom(JsonNode? document, FuzzCase fuzzCase) =>
        document is JsonObject o && o["answers"] is JsonArray answers ? [.. answers.Select(a => From(a, fuzzCase))] : [From(document, fuzzCase)];

    public string ContentType => Headers.TryGetValue("Content-Type", out var type) ? type : "application/json";

    public override string ToString() => $"{Status.ToString(CultureInfo.InvariantCulture)} {Body.Length} bytes";

    private static bool IsToken(string name) => name.Length is > 0 and < 100 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
