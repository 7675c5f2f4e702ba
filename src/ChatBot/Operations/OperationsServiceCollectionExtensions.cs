using Microsoft.Extensions.Logging.Console;

namespace ChatBot.Operations;

public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services, string[] args)
    {
        // The one line that connects 'accounts add' to the Keliweb password grant (KeliwebTokenProvider, Keliweb feature):
        // services.AddSingleton<KeliwebLogin>(sp => sp.GetRequiredService<ChatBot.Keliweb.KeliwebTokenProvider>().LoginAsync);

        // In command mode logs go to stderr, so stdout carries only the command's own output (scripts parse it).
        if (OperatorCommand.IsOperatorCommand(args))
        {
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return services;
    }
}
