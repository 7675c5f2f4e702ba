namespace ChatBot.Tickets;

/// <summary>The "Tickets" configuration section: what the forms offer and what the pipeline accepts.</summary>
public sealed class TicketsOptions
{
    public const string SectionName = "Tickets";

    public List<DepartmentOption> Departments { get; set; } = [];

    public TicketPriority DefaultPriority { get; set; } = TicketPriority.Medium;

    public List<CustomFieldOption> CustomFields { get; set; } = [];

    /// <summary>Open tickets as a guest (name and verified email) with the default account for users who are not linked.</summary>
    public bool AllowGuests { get; set; }

    public int MaxFiles { get; set; } = 10;

    /// <summary>Slack's file picker and Teams' card both take a handful; past this many a request is too large anyway.</summary>
    public const int MaxFilesLimit = 20;

    /// <summary>Largest single file the bot downloads from chat.</summary>
    public long MaxFileBytes { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// How long the worker keeps retrying a submission Keliweb never received (or a result chat never took) before it
    /// gives up and says so: counted from the submission, whether or not it was ever picked up again.
    /// </summary>
    public TimeSpan MaxRetryAge { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Submissions the worker drives at once. Keliweb's latency, not CPU, is what concurrency hides.</summary>
    public int WorkerConcurrency { get; set; } = 16;

    public const int MaxWorkerConcurrency = 256;

    /// <summary>First delay before retrying a submission Keliweb did not receive; doubles each time, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between two tries, and before Keliweb is probed again after an outage, whatever <c>Retry-After</c> asks.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a worker holds a submission it claimed. After a crash (or a SIGKILL) another instance, or the restarted
    /// one on PostgreSQL, takes the submission over once this has passed; a Keliweb request in flight holds it for
    /// <c>Keliweb:Timeout</c> plus <see cref="LeaseMargin"/>.
    /// </summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(3);

    /// <summary>Added to Keliweb's timeout for a lease: long enough that a live worker never loses a row mid-request.</summary>
    public TimeSpan LeaseMargin => LeaseDuration < TimeSpan.FromMinutes(1) ? LeaseDuration : TimeSpan.FromMinutes(1);

    public static readonly TimeSpan MinLeaseDuration = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long after a submission ended (Announced, Failed, Uncertain, Unannounced) its content is kept: then the subject, message,
    /// custom fields, file names and the requester's name and email are removed; ids, state, ticket number and history stay.
    /// </summary>
    public TimeSpan ContentRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Where downloaded files wait until their ticket is done; default: a folder under the system temp.</summary>
    public string? TempPath { get; set; }

    /// <summary>How long an account's services (get-clients-products) are answered from memory before they are fetched again.</summary>
    public TimeSpan ServiceCacheDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Services are bought and end: an hour-old list is as old as a form should show.</summary>
    public static readonly TimeSpan MaxServiceCacheDuration = TimeSpan.FromHours(1);
}

public sealed class DepartmentOption
{
    public int Id { get; set; }

    public string Name { get; set; } = "";

    /// <summary>Italian name; falls back to <see cref="Name"/>.</summary>
    public string? NameIt { get; set; }

    /// <summary>
    /// Tickets for this department must name one of the requester's services, when they have any and the bot could
    /// load them (a guest, a customer without services or a Keliweb outage never blocks the form).
    /// </summary>
    public bool RequiresService { get; set; }

    public string DisplayName(string culture) =>
        culture.StartsWith("it", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(NameIt) ? NameIt : Name;
}

public sealed class CustomFieldOption
{
    public int Id { get; set; }

    public string Label { get; set; } = "";

    public string? LabelIt { get; set; }

    /// <summary>The departments that ask for this field; empty means every department.</summary>
    public List<int> DepartmentIds { get; set; } = [];

    public bool Required { get; set; }

    public bool AppliesTo(int departmentId) => DepartmentIds.Count == 0 || DepartmentIds.Contains(departmentId);

    public string DisplayLabel(string culture) =>
        culture.StartsWith("it", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(LabelIt) ? LabelIt : Label;
}
