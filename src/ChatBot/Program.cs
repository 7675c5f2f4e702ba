using ChatBot.Alerts;
using ChatBot.ChatCommands;
using ChatBot.Health;
using ChatBot.Keliweb;
using ChatBot.Linking;
using ChatBot.Linking.SignIn;
using ChatBot.Operations;
using ChatBot.Slack;
using ChatBot.Startup;
using ChatBot.Storage;
using ChatBot.Sync;
using ChatBot.Teams;
using ChatBot.Telemetry;
using ChatBot.Tickets;

ConfigurationFailureExit.Install();
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.AddConfiguredConsoleFormat(builder.Configuration);

builder.Services
    .AddTelemetry(builder.Configuration)
    .AddAlerts(builder.Configuration)
    .AddStorage(builder.Configuration)
    .AddKeliweb(builder.Configuration)
    .AddLinking(builder.Configuration)
    .AddSignIn(builder.Configuration)
    .AddChatCommands()
    .AddTickets(builder.Configuration)
    .AddSync(builder.Configuration)
    .AddSlack(builder.Configuration)
    .AddTeams(builder.Configuration)
    .AddHealth(builder.Configuration)
    .AddOperations(args);

// IHttpClientFactory logs every request at Information through scopes it allocates even when nothing is written:
// under load that was a good share of the outbound calls' garbage. The clients log what matters themselves.
builder.Services.ConfigureHttpClientDefaults(http => http.RemoveAllLoggers());

var app = builder.Build();

if (OperatorCommand.IsOperatorCommand(args))
{
    return await OperatorCommand.RunAsync(app, args);
}

app.ReportConfiguration();
await app.MigrateStorageAsync();
app.MapHealth();
app.MapTelemetry();
app.MapSlack();
app.MapTeams();
app.MapSignIn();

await app.RunAsync();
return 0;

/// <summary>Entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
