using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChatBot.Json;

/// <summary>
/// A map of maps (Slack's <c>view.state.values</c>: block id → action id → value) where neither an inner map nor a
/// value may be null; one converter for both levels, since the inner maps are read here, not by a converter of theirs.
/// </summary>
public sealed class NonNullMapOfMapsConverter<T> : JsonConverter<IReadOnlyDictionary<string, IReadOnlyDictionary<string, T>>>
    where T : class
{
    public override IReadOnlyDictionary<string, IReadOnlyDictionary<string, T>> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("Expected an object of objects.");
        }

        var outer = new Dictionary<string, IReadOnlyDictionary<string, T>>(StringComparer.Ordinal);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var key = reader.GetString()!;
            reader.Read();
            outer[key] = NonNullElements.ReadMap(ref reader, info);
        }

        return outer;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, IReadOnlyDictionary<string, T>> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var info = (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
        writer.WriteStartObject();
        foreach (var (key, inner) in value)
        {
            writer.WritePropertyName(key);
            NonNullElements.WriteMap(writer, inner, info);
        }

        writer.WriteEndObject();
    }
}
