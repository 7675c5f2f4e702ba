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

/// <summary>An invoke handler whose <c>value</c> is deserialized into its own record first; a value that is not one is a 400.</summary>
public abstract class TeamsInvokeHandler<TValue> : ITeamsInvokeHandler
    where TValue : class
{
    public abstract string InvokeName { get; }

    protected abstract JsonTypeInfo<TValue> ValueType { get; }

    public Task<InvokeResponse> HandleAsync(TeamsActivity activity, CancellationToken cancellationToken)
    {
        TValue? value;
        try
        {
            value = activity.Value is { ValueKind: JsonValueKind.Object } raw ? raw.Deserialize(ValueType) : null;
        }
        catch (JsonException)
        {
            value = null;
        }

        return value is null ? Task.FromResult(InvokeResponse.BadRequest) : HandleAsync(activity, value, cancellationToken);
    }

    protected abstract Task<InvokeResponse> HandleAsync(TeamsActivity activity, TValue value, CancellationToken cancellationToken);
}
