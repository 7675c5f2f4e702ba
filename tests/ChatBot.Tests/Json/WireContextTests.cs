using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Json;

namespace ChatBot.Tests.Json;

/// <summary>
/// The one mechanism of issue 10 (defect 6), checked for every JSON context in the app, so a new one cannot forget it:
/// null or missing non-nullable members refused (the two options), and no wire collection whose elements could be
/// null without the compiler knowing (a NonNull*Converter, or an element type declared nullable).
/// </summary>
public sealed class WireContextTests
{
    /// <summary>
    /// Read only from the bot's own writes (the outbox's drafts, the sync's inbox rows): null members are refused, but the
    /// outbox's rows are written without their null members, so missing parameters must stay allowed there, and the
    /// element rule is for the wire.
    /// </summary>
    private static readonly HashSet<string> NotWire = ["TicketsJsonContext", "SyncJsonContext"];

    /// <summary>
    /// What the bot writes and never reads (activities and conversations it sends the connector, the health details it
    /// answers): nothing to refuse.
    /// </summary>
    private static readonly HashSet<Type> WrittenOnly =
        [typeof(ChatBot.Teams.Activities.OutboundActivity), typeof(ChatBot.Teams.Activities.ConversationParameters), typeof(ChatBot.Health.HealthDetails)];

    public static TheoryData<string> Contexts()
    {
        var data = new TheoryData<string>();
        foreach (var type in ContextTypes())
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void TheAppHasContextsToCheck() => Assert.Contains("SlackJsonContext", ContextTypes().Select(t => t.Name));

    [Theory]
    [MemberData(nameof(Contexts))]
    public void EveryContext_RefusesNullAndMissingMembers(string name)
    {
        var options = Context(name).Options;

        Assert.True(options.RespectNullableAnnotations, $"{name} must set RespectNullableAnnotations = true");
        Assert.True(options.RespectRequiredConstructorParameters || NotWire.Contains(name), $"{name} must set RespectRequiredConstructorParameters = true");
    }

    [Theory]
    [MemberData(nameof(Contexts))]
    public void EveryWireCollection_RefusesNullElements_OrDeclaresThemNullable(string name)
    {
        if (NotWire.Contains(name))
        {
            return;
        }

        var context = Context(name);
        var problems = new List<string>();
        var seen = new HashSet<Type>();
        foreach (var root in RootTypes(context.GetType()))
        {
            Walk(context, root, seen, problems);
        }

        Assert.True(problems.Count == 0, $"{name}:\n" + string.Join("\n", problems));
    }

    private static void Walk(JsonSerializerContext context, Type type, HashSet<Type> seen, List<string> problems)
    {
        if (WrittenOnly.Contains(type) || !seen.Add(type) || context.GetTypeInfo(type) is not { } info)
        {
            return;
        }

        if (info.Kind is JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary)
        {
            Walk(context, info.ElementType!, seen, problems);
            return;
        }

        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in info.Properties)
        {
            var member = Member(type, property);
            if (property.CustomConverter is { } converter && IsNonNullConverter(converter.GetType()))
            {
                Walk(context, converter.GetType().GetGenericArguments()[0], seen, problems);
                continue;
            }

            if (context.GetTypeInfo(property.PropertyType) is { Kind: JsonTypeInfoKind.Enumerable or JsonTypeInfoKind.Dictionary } collection)
            {
                var elements = new NullabilityInfoContext().Create(member).GenericTypeArguments;
                var elementNullable = elements.Length > 0 && elements[^1].ReadState == NullabilityState.Nullable;
                if (!elementNullable && !collection.ElementType!.IsValueType)
                {
                    problems.Add($"{type.Name}.{member.Name} ({property.PropertyType.Name}): null elements would reach code; "
                        + "use a NonNull*Converter or a nullable element type");
                }

                Walk(context, collection.ElementType!, seen, problems);
                continue;
            }

            Walk(context, property.PropertyType, seen, problems);
        }
    }

    private static bool IsNonNullConverter(Type converter) =>
        converter.IsGenericType && converter.GetGenericTypeDefinition() is var definition
        && (definition == typeof(NonNullListConverter<>) || definition == typeof(NonNullMapConverter<>) || definition == typeof(NonNullMapOfMapsConverter<>));

    private static PropertyInfo Member(Type type, JsonPropertyInfo property) =>
        property.AttributeProvider as PropertyInfo
        ?? type.GetProperties().Single(p => string.Equals(JsonNamingPolicy.SnakeCaseLower.ConvertName(p.Name), property.Name, StringComparison.Ordinal)
            || string.Equals(p.Name, property.Name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The types the context's [JsonSerializable] attributes name.</summary>
    private static IEnumerable<Type> RootTypes(Type context) =>
        context.GetCustomAttributesData().Where(a => a.AttributeType == typeof(JsonSerializableAttribute)).Select(a => (Type)a.ConstructorArguments[0].Value!);

    private static JsonSerializerContext Context(string name) =>
        (JsonSerializerContext)ContextTypes().Single(t => t.Name == name).GetProperty("Default", BindingFlags.Public | BindingFlags.Static)!.GetValue(null)!;

    private static IEnumerable<Type> ContextTypes() =>
        typeof(Program).Assembly.GetTypes().Where(t => t.IsSubclassOf(typeof(JsonSerializerContext)) && !t.IsAbstract);
}
