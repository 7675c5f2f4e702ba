using ChatBot.Keliweb;
using Microsoft.Extensions.Logging.Console;

namespace ChatBot.Operations;

public static class OperationsServiceCollectionExtensions
{
    public static IServiceCollection AddOperations(this IServiceCollection services, string[] args)
    {
        // 'accounts add' does the password grant and stores only the refresh token.
        services.AddSingleton<KeliwebLogin>(sp => async (id, email, password, ct) =>
            (await sp.GetRequiredService<KeliwebTokenProvider>().LoginAsync(id, email, password, ct)) switch
            {
                KeliwebResult<KeliwebAccountLogin>.Success => new KeliwebResult<bool>.Success(true),
                var failure => failure.AsFailureOf<bool>(),
            });

        // In command mode logs go to stderr, so stdout carries only the command's own output (scripts parse it).
        if (OperatorCommand.IsOperatorCommand(args))
        {
            services.Configure<ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        }

        return services;
    }
}
