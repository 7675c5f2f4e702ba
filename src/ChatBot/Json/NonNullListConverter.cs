using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChatBot.Json;

/// <summary>
/// A JSON array whose elements may not be null: <c>[null]</c> is a <see cref="JsonException"/> at deserialization (so a
/// clean 400 at an endpoint) instead of a null element deep in a handler. <c>RespectNullableAnnotations</c> checks
/// members, not collection elements, so every wire collection of non-nullable elements carries this converter:
/// <c>[property: JsonConverter(typeof(NonNullListConverter&lt;BlockAction&gt;))] IReadOnlyList&lt;BlockAction&gt; Actions</c>.
/// The element type must be registered in the context itself (<c>[JsonSerializable(typeof(BlockAction))]</c>): the
/// source generator does not look behind a converter.
/// </summary>
public sealed class NonNullListConverter<T> : JsonConverter<IReadOnlyList<T>>
    where T : class
{
    public override IReadOnlyList<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException($"Expected an array of {typeof(T).Name}.");
        }

        var info = ElementInfo(options);
        var list = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            list.Add(NonNullElements.Read(ref reader, info));
        }

        return list;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<T> value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        var info = ElementInfo(options);
        writer.WriteStartArray();
        foreach (var element in value)
        {
            JsonSerializer.Serialize(writer, element, info);
        }

        writer.WriteEndArray();
    }

    private static JsonTypeInfo<T> ElementInfo(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
}
