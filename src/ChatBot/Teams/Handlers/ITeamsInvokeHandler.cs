using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using ChatBot.Teams.Activities;

namespace ChatBot.Teams.Handlers;

/// <summary>Answers one invoke, by <see cref="InvokeName"/>; registered once (a duplicate stops the start).</summary>
public interface ITeamsInvokeHandler
{
    string InvokeName { get; }

    Task<InvokeResponse> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken);
}

/// <summary>
/// An invoke handler whose <c>value</c> is deserialized into its own record first. A value that is not one, or a
/// malformed part found while handling (a <see cref="JsonException"/>), is <see cref="Malformed"/>: a 400, never a 500.
/// </summary>
public abstract class TeamsInvokeHandler<TValue> : ITeamsInvokeHandler
    where TValue : class
{
    public abstract string InvokeName { get; }

    protected abstract JsonTypeInfo<TValue> ValueType { get; }

    public async Task<InvokeResponse> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        try
        {
            return activity.Value is { ValueKind: JsonValueKind.Object } raw && raw.Deserialize(ValueType) is { } value
                ? await HandleAsync(activity, value, cancellationToken)
                : Malformed(activity);
        }
        catch (JsonException)
        {
            return Malformed(activity);
        }
    }

    protected abstract Task<InvokeResponse> HandleAsync(TeamsActivity activity, TValue value, CancellationToken cancellationToken);

    /// <summary>The answer to a payload that cannot be read; the protocol's error form where it has one.</summary>
    protected virtual InvokeResponse Malformed(TeamsActivity activity) => InvokeResponse.BadRequest;
}
