using ChatBot.Tickets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ChatBot.Tests.StandIns;

/// <summary>
/// The real application (worker and all) on a temporary SQLite store, talking to the Keliweb PHP stand-in, with a
/// <see cref="RecordingChatChannel"/> as its chat platform.
/// </summary>
public sealed class PipelineHost : WebApplicationFactory<Program>
{
    private readonly Dictionary<string, string?> _settings;

    public PipelineHost(KeliwebStandIn keliweb, IDictionary<string, string?>? overrides = null)
    {
        DataFolder = Path.Combine(Path.GetTempPath(), "chatbot-tests", Guid.NewGuid().ToString("n"));
        _settings = new Dictionary<string, string?>(keliweb.Configuration)
        {
            ["Storage:DataPath"] = DataFolder,
            ["Tickets:TempPath"] = Path.Combine(DataFolder, "files"),
            ["Tickets:RetryBaseDelay"] = "00:00:00.200",
            ["Tickets:Departments:0:Id"] = "1",
            ["Tickets:Departments:0:Name"] = "Technical support",
            ["Tickets:Departments:0:NameIt"] = "Assistenza tecnica",
            ["Tickets:Departments:1:Id"] = "2",
            ["Tickets:Departments:1:Name"] = "Billing",
            ["Tickets:CustomFields:0:Id"] = "12",
            ["Tickets:CustomFields:0:Label"] = "City",
            ["Tickets:CustomFields:0:LabelIt"] = "Città",
            ["Tickets:CustomFields:0:DepartmentIds:0"] = "1",
            ["Tickets:CustomFields:1:Id"] = "13",
            ["Tickets:CustomFields:1:Label"] = "Invoice number",
            ["Tickets:CustomFields:1:DepartmentIds:0"] = "2",
            ["Tickets:CustomFields:1:Required"] = "true",
            ["Keliweb:Timeout"] = "00:00:05",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    public RecordingChatChannel Channel { get; } = new();

    public TicketIntake Intake => Services.GetRequiredService<TicketIntake>();

    public TicketOutbox Outbox => Services.GetRequiredService<TicketOutbox>();

    /// <summary>Polls the store until the submission reaches <paramref name="state"/>.</summary>
    public Task<Submission> WaitForStateAsync(string submissionId, SubmissionState state, TimeSpan timeout) =>
        WaitForAsync(submissionId, s => s.State == state && !s.NoticeDue, timeout, $"expected {state}");

    /// <summary>Polls the store until the submission meets <paramref name="condition"/>.</summary>
    public async Task<Submission> WaitForAsync(string submissionId, Func<Submission, bool> condition, TimeSpan timeout, string what = "condition not met")
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            var s = await Outbox.GetAsync(submissionId, default);
            if (s is not null && condition(s))
            {
                return s;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"Submission {submissionId} is {s?.State} (notice due: {s?.NoticeDue}, next attempt {s?.NextAttemptAt:O}, last error: {s?.LastError}), {what}.");
            }

            await Task.Delay(25);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<IChatChannel>();
            services.AddSingleton<IChatChannel>(Channel);
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
