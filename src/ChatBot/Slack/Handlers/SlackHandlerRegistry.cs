using System.Diagnostics.CodeAnalysis;
namespace ChatBot.Slack.Handlers;

/// <summary>A handler type registered for a payload type and key (see <see cref="SlackHandlerRegistry"/>).</summary>
public sealed record SlackHandlerRegistration(Type PayloadType, string Key, Type HandlerType);

/// <summary>
/// Finds the handler for a payload and key. Built once at start, so two handlers for the same key stop the start
/// instead of one silently winning.
/// </summary>
public sealed class SlackHandlerRegistry
{
    private readonly Dictionary<(Type, string), Type> handlers = [];

    public SlackHandlerRegistry(IEnumerable<SlackHandlerRegistration> registrations)
    {
        foreach (var registration in registrations)
        {
            if (!handlers.TryAdd((registration.PayloadType, registration.Key), registration.HandlerType))
            {
                throw new InvalidOperationException(
                    $"Two Slack handlers for {registration.PayloadType.Name} '{registration.Key}': " +
                    $"{handlers[(registration.PayloadType, registration.Key)].Name} and {registration.HandlerType.Name}.");
            }
        }
    }

    /// <summary>The handler for <paramref name="key"/>, resolved from the request's services; null when none is registered.</summary>
    public ISlackHandler<TPayload>? Find<TPayload>(string key, IServiceProvider services) =>
        handlers.TryGetValue((typeof(TPayload), key), out var type) ? (ISlackHandler<TPayload>)services.GetRequiredService(type) : null;

    public IEnumerable<string> Keys<TPayload>() => handlers.Keys.Where(k => k.Item1 == typeof(TPayload)).Select(k => k.Item2);
}

public static class SlackHandlerServiceCollectionExtensions
{
    public static IServiceCollection AddSlackHandler<TPayload, [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicConstructors)] THandler>(
        this IServiceCollection services, string key)
        where THandler : class, ISlackHandler<TPayload>
    {
        services.AddScoped<THandler>();
        services.AddSingleton(new SlackHandlerRegistration(typeof(TPayload), key, typeof(THandler)));
        return services;
    }
}
