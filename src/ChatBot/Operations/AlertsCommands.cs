using ChatBot.Alerts;
using Microsoft.Extensions.Options;

namespace ChatBot.Operations;

/// <summary><c>alerts test</c>: posts a test alert to the operator's conversation, to check the setup before it matters.</summary>
public sealed class AlertsCommands : IOperatorCommandGroup
{
    public string Name => "alerts";

    public IReadOnlyList<string> Usage =>
    [
        "alerts test                              post a test alert to the operator's conversation (Alerts:Platform, Alerts:Conversation)",
    ];

    public async Task<int> RunAsync(IServiceProvider services, IReadOnlyList<string> args, OperatorConsole console, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(console);
        if (args is not ["test", ..])
        {
            throw new OperatorUsageException(args.Count == 0 ? "Missing the alerts command." : $"Unknown alerts command '{args[0]}'.");
        }

        new CommandArguments(args.Skip(1)).ExpectPositional(0, "no arguments");
        var options = services.GetRequiredService<IOptions<AlertsOptions>>().Value;
        var delivery = await services.GetRequiredService<AlertDispatcher>().PostAsync(AlertTexts.For(options.Culture).Test, cancellationToken);
        if (!delivery.Posted)
        {
            console.Error.WriteLine($"The test alert was not posted: {delivery.Reason}.");
            return OperatorExitCode.Failure;
        }

        console.Out.WriteLine($"Test alert posted to {options.Platform} conversation {options.Conversation}.");
        return OperatorExitCode.Ok;
    }
}
