using Microsoft.Extensions.Logging.Console;

namespace ChatBot.Telemetry;

public static class ConsoleLogFormat
{
    public const string FormatterKey = "Logging:Console:FormatterName";

    /// <summary>
    /// <c>Logging:Console:FormatterName=json</c> (<c>Logging__Console__FormatterName=json</c>) writes one JSON object per
    /// log line, with UTC timestamps and the trace and span ids of the request or submission it belongs to, for log
    /// shippers. The slim host sets the simple format in code, so the setting is applied here, after it.
    /// </summary>
    public static ILoggingBuilder AddConfiguredConsoleFormat(this ILoggingBuilder logging, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (string.Equals(configuration[FormatterKey], ConsoleFormatterNames.Json, StringComparison.OrdinalIgnoreCase))
        {
            logging.AddJsonConsole(o =>
            {
                o.IncludeScopes = true;
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ";
            });
        }

        return logging;
    }
}
