using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace ChatBot.Json;

/// <summary>
/// A JSON object read as a map whose values may not be null (<c>{"a":null}</c> is a <see cref="JsonException"/>), for
/// the same reason as <see cref="NonNullListConverter{T}"/>; register <typeparamref name="T"/> in the context.
/// </summary>
public sealed class NonNullMapConverter<T> : JsonConverter<IReadOnlyDictionary<string, T>>
    where T : class
{
    public override IReadOnlyDictionary<string, T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        NonNullElements.ReadMap(ref reader, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));

    public override void Write(Utf8JsonWriter writer, IReadOnlyDictionary<string, T> value, JsonSerializerOptions options) =>
        NonNullElements.WriteMap(writer, value, (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T)));
}
