using System.Diagnostics;

namespace ChatBot.Telemetry;

/// <summary>
/// The names the bot's own telemetry goes by. Every instrument is created on the meter <see cref="MeterName"/>
/// (through <c>IMeterFactory</c>) and named <c>chatbot.…</c> (Prometheus: <c>chatbot_…</c>); every span comes from
/// <see cref="ActivitySource"/>. With no exporter configured nothing listens, and instruments and spans cost a check.
/// </summary>
public static class ChatBotTelemetry
{
    public const string MeterName = "ChatBot";

    public const string ActivitySourceName = "ChatBot";

    /// <summary>The service name exported resources carry, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "chatbot";

    public static readonly ActivitySource ActivitySource = new(ActivitySourceName);

    /// <summary>Span sources exported: the bot's own, incoming requests, and outgoing HTTP calls (children of the bot's spans).</summary>
    public static readonly string[] TraceSources = [ActivitySourceName, "Microsoft.AspNetCore", "System.Net.Http"];

    /// <summary>Meters exported: the bot's own, and the framework's request, connection, HTTP client and runtime meters.</summary>
    public static readonly string[] Meters =
        [MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "System.Net.Http", "System.Runtime"];
}
