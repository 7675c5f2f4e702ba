using ChatBot.Storage;
using Microsoft.Extensions.Options;

namespace ChatBot.Startup;

/// <summary>
/// A configuration mistake or a store that cannot be used is the operator's to fix, not a crash: print what is wrong
/// and exit with code 1, without the runtime's "Unhandled exception" stack trace. Only these exceptions; anything else still crashes loudly.
/// Under WebApplicationFactory the entry point's exceptions are caught by the test host, so this never fires there.
/// </summary>
public static class ConfigurationFailureExit
{
    public const int ExitCode = 1;

    public static void Install() => AppDomain.CurrentDomain.UnhandledException += OnUnhandledException;

    private static void OnUnhandledException(object sender, UnhandledExceptionEventArgs e)
    {
        var message = e.ExceptionObject switch
        {
            StartupConfigurationException ex => ex.Message,
            StorageFailureException ex => "ChatBot cannot start: " + ex.Message,
            OptionsValidationException ex => "ChatBot cannot start: invalid configuration: " + ex.Message,
            AggregateException { InnerExceptions: var inner } when inner.All(i => i is OptionsValidationException) =>
                "ChatBot cannot start: invalid configuration: " + string.Join(" ", inner.Select(i => i.Message)),
            _ => null,
        };
        if (message is null)
        {
            return;
        }

        Console.Error.WriteLine(message);
        Environment.Exit(ExitCode);
    }
}
