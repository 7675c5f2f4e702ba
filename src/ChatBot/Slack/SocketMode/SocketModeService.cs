using ChatBot.Health;
using Microsoft.Extensions.Options;

namespace ChatBot.Slack.SocketMode;

/// <summary>
/// Keeps <c>Slack:SocketConnections</c> WebSockets open to Slack, each in its own slot: a fresh URL from
/// apps.connections.open for every connection, a new connection at once when Slack announces the end of one (the old
/// one still drains what it got), jittered exponential backoff after failures, and a stop, with one clear line, when
/// the app token is refused (reconnecting could never work).
/// </summary>
public sealed partial class SocketModeService(
    SocketUrlClient urls,
    SocketEnvelopes envelopes,
    IOptions<SocketModeOptions> options,
    IOptions<SlackOptions> slack,
    TimeProvider time,
    ILogger<SocketModeService> logger) : BackgroundService, IConnectionHealth
{
    public static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan MaxRetryAfter = TimeSpan.FromMinutes(5);

    /// <summary>Slots start this far apart, so Slack's periodic refreshes do not take all connections at once.</summary>
    public static readonly TimeSpan Stagger = TimeSpan.FromSeconds(1);

    /// <summary>Enough for the longest backoff; counting further would only overflow.</summary>
    private const int MaxFailures = 16;

    private int open;
    private int stopped;
    private string? stoppedBecause;
    private CancellationTokenSource? fatal;

    /// <summary>Connections Slack said hello on and that have not ended.</summary>
    public int OpenConnections => Volatile.Read(ref open);

    public ConnectionHealth? Report() => options.Value.IsEnabled
        ? new ConnectionHealth("Slack Socket Mode", OpenConnections, options.Value.SocketConnections, Volatile.Read(ref stoppedBecause))
        : null;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.IsEnabled)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        fatal = stop;
        LogStarting(logger, settings.SocketConnections, slack.Value.ApiBaseUrl.Host);
        await Task.WhenAll(Enumerable.Range(1, settings.SocketConnections).Select(slot => RunSlotAsync(slot, settings, stop.Token)));
    }

    private async Task RunSlotAsync(int slot, SocketModeOptions settings, CancellationToken ct)
    {
        var draining = new List<Task>();
        try
        {
            await Task.Delay(Stagger * (slot - 1), time, ct);
            var failures = 0;
            TimeSpan? retryAfter = null;
            while (!ct.IsCancellationRequested)
            {
                if (failures > 0 || retryAfter is not null)
                {
                    await Task.Delay(Backoff(failures, retryAfter), time, ct);
                }

                retryAfter = null;
                switch (await urls.OpenAsync(ct))
                {
                    case SocketUrl.Fatal f:
                        Stop(f.Error);
                        return;
                    case SocketUrl.Unavailable u:
                        failures = Math.Min(failures + 1, MaxFailures);
                        retryAfter = u.RetryAfter is { } after ? TimeSpan.FromTicks(Math.Min(after.Ticks, MaxRetryAfter.Ticks)) : null;
                        LogUrlUnavailable(logger, slot, u.Reason, failures);
                        continue;
                    case SocketUrl.Issued issued:
                        var end = await ConnectAndRunAsync(slot, issued.Url, settings, draining, ct);
                        failures = end switch
                        {
                            null => 0,
                            { Disabled: true } => MaxFailures,
                            { WasOpen: true } => 0,
                            _ => Math.Min(failures + 1, MaxFailures),
                        };
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
        }
        finally
        {
            await Task.WhenAll(draining);
        }
    }

    /// <summary>Null when Slack asked for a replacement (the connection drains in <paramref name="draining"/>); else how it ended.</summary>
    private async Task<SocketEnd?> ConnectAndRunAsync(int slot, Uri url, SocketModeOptions settings, List<Task> draining, CancellationToken ct)
    {
        SocketConnection connection;
        try
        {
            connection = await SocketConnection.ConnectAsync(slot, url, settings, envelopes, slack.Value.MaxRequestBodyBytes, logger, ct);
        }
        catch (Exception ex) when (ex is System.Net.WebSockets.WebSocketException or HttpRequestException or IOException
            || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            LogConnectFailed(logger, slot, url.Scheme + "://" + url.Authority, ex.Message);
            return new SocketEnd("connect failed", WasOpen: false, Disabled: false);
        }

        var run = RunCountedAsync(connection, settings.SocketConnections);
        if (await Task.WhenAny(run, connection.ReplaceRequested) == run)
        {
            var end = await run;
            await connection.DisposeAsync();
            return end;
        }

        // The announced connection keeps acking what it already got while the next one opens.
        draining.RemoveAll(t => t.IsCompleted);
        draining.Add(DrainAsync(connection, run, settings));
        return connection.ReplaceRequested.Result switch
        {
            // Routine: Slack refreshes connections every few hours and warns ~10 s before: replace at once.
            "refresh_requested" or "warning" => null,
            "link_disabled" => new SocketEnd("link_disabled", WasOpen: true, Disabled: true),
            // too_many_websockets and reasons not known yet: a new connection at once could only make it worse.
            var other => new SocketEnd(other, WasOpen: false, Disabled: false),
        };
    }

    private async Task<SocketEnd> RunCountedAsync(SocketConnection connection, int wanted)
    {
        var run = connection.RunAsync();
        if (await Task.WhenAny(run, connection.Hello) != connection.Hello)
        {
            var failed = await run;
            LogClosed(logger, connection.Slot, failed.Reason, OpenConnections, wanted);
            return failed;
        }

        LogOpen(logger, connection.Slot, Interlocked.Increment(ref open), wanted);
        var end = await run;
        LogClosed(logger, connection.Slot, end.Reason, Interlocked.Decrement(ref open), wanted);
        return end;
    }

    /// <summary>Slack closes an announced connection itself within seconds; one that stays is closed after the grace.</summary>
    private async Task DrainAsync(SocketConnection connection, Task<SocketEnd> run, SocketModeOptions settings)
    {
        var grace = settings.SocketPingTimeout * 3;
        if (await Task.WhenAny(run, Task.Delay(grace, time, CancellationToken.None)) != run)
        {
            await connection.CloseAsync();
        }

        await run;
        await connection.DisposeAsync();
    }

    /// <summary>Full backoff after <paramref name="failures"/> in a row: 1 s, 2 s, 4 s... up to a minute, each between half and all of it.</summary>
    public static TimeSpan Backoff(int failures, TimeSpan? retryAfter)
    {
        var exponent = Math.Clamp(failures - 1, 0, 16);
        var ceiling = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(1).Ticks << exponent, MaxBackoff.Ticks));
        var delay = failures <= 0 ? TimeSpan.Zero : ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5));
        return retryAfter is { } after && after > delay ? after : delay;
    }

    private void Stop(string error)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 0)
        {
            Volatile.Write(ref stoppedBecause, "apps.connections.open refused the app token (" + error + ")");
            LogFatal(logger, error);
        }

        fatal?.Cancel();
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode: on, opening {Connections} connections (apps.connections.open at {ApiHost})")]
    private static partial void LogStarting(ILogger logger, int connections, string apiHost);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Slot}: open ({Open} of {Wanted} connections open)")]
    private static partial void LogOpen(ILogger logger, int slot, int open, int wanted);

    [LoggerMessage(Level = LogLevel.Information, Message = "Slack Socket Mode connection {Slot}: ended, {Reason} ({Open} of {Wanted} connections open)")]
    private static partial void LogClosed(ILogger logger, int slot, string reason, int open, int wanted);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot}: no WebSocket URL ({Reason}), failure {Failures} in a row; trying again after a backoff")]
    private static partial void LogUrlUnavailable(ILogger logger, int slot, string reason, int failures);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Slack Socket Mode connection {Slot}: could not connect to {Origin} ({Problem})")]
    private static partial void LogConnectFailed(ILogger logger, int slot, string origin, string problem);

    [LoggerMessage(Level = LogLevel.Critical, Message = "Slack Socket Mode stopped: apps.connections.open refused the app token ({Error}). Set Slack:AppToken to a valid app-level token (xapp-, scope connections:write) and restart; the bot does not reconnect until then")]
    private static partial void LogFatal(ILogger logger, string error);
}
