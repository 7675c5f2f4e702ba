using System.Text.Json;
using System.Text.Unicode;

namespace ChatBot.Json;

/// <summary>
/// System.Text.Json keeps invalid UTF-8 and unpaired surrogate escapes (<c>"\ud800"</c>) inside what it has not
/// turned into strings yet (a <see cref="JsonDocument"/>, the raw parts of a Teams activity such as <c>value</c>) and
/// throws <see cref="InvalidOperationException"/>, not <see cref="JsonException"/>, only when code reads the string.
/// Checked once on the bytes instead: such a request is a 400 before anything runs, such an answer is "not JSON".
/// </summary>
internal static class WellFormedJsonText
{
    public static bool IsValid(ReadOnlySpan<byte> json)
    {
        if (!Utf8.IsValid(json))
        {
            return false;
        }

        var reader = new Utf8JsonReader(json);
        try
        {
            while (reader.Read())
            {
                // Raw text is valid UTF-8 by now; only an escape can still make an unpaired surrogate.
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString();
                }
            }
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            return false;
        }

        return true;
    }
}
