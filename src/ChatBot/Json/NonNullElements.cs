using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace ChatBot.Json;

/// <summary>What the non-null collection converters share: one element or one map, read or written.</summary>
internal static class NonNullElements
{
    public static T Read<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> info)
        where T : class =>
        reader.TokenType == JsonTokenType.Null
            ? throw new JsonException($"A {typeof(T).Name} may not be null here.")
            : JsonSerializer.Deserialize(ref reader, info) ?? throw new JsonException($"A {typeof(T).Name} may not be null here.");

    public static IReadOnlyDictionary<string, T> ReadMap<T>(ref Utf8JsonReader reader, JsonTypeInfo<T> info)
        where T : class
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object of {typeof(T).Name}.");
        }

        var map = new Dictionary<string, T>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            map[key] = Read(ref reader, info);
        }

        return map;
    }

    public static void WriteMap<T>(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> map, JsonTypeInfo<T> info)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(map);
        writer.WriteStartObject();
        foreach (var (key, value) in map)
        {
            writer.WritePropertyName(key);
            JsonSerializer.Serialize(writer, value, info);
        }

        writer.WriteEndObject();
    }
}
