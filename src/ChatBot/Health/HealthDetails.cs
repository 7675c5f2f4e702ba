using System.Text.Json.Serialization;

namespace ChatBot.Health;

/// <summary>The body of <c>GET /healthz/details</c>. <see cref="Status"/> is "ok", or "degraded" with <see cref="Problems"/> saying why.</summary>
public sealed record HealthDetails(
    string Status,
    IReadOnlyList<string> Problems,
    KeliwebProbeResult Keliweb,
    DateTimeOffset? KeliwebWorkerPausedUntil,
    OutboxDetails Outbox,
    IReadOnlyList<string> AccountsNeedingSignIn,
    IReadOnlyList<ConnectionHealth> Connections,
    DateTimeOffset CheckedAt);

/// <summary>The outbox part of <see cref="HealthDetails"/>.</summary>
public sealed record OutboxDetails(
    long Waiting,
    IReadOnlyDictionary<string, long> WaitingByState,
    double? OldestWaitingSeconds,
    long FailedLastHour,
    long UncertainLastHour);

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, WriteIndented = true,
    RespectNullableAnnotations = true, RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(HealthDetails))]
internal sealed partial class HealthJsonContext : JsonSerializerContext;
