using ChatBot.Keliweb;
using ChatBot.Operations;
using ChatBot.Storage;
using ChatBot.Tests.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace ChatBot.Tests.Operations;

/// <summary>The operator commands in-process on a fresh SQLite store, as a script would run them: output, exit code, database.</summary>
public sealed class OperatorCommandTests : IAsyncLifetime
{
    private const string Tenant = "72f988bf-86f1-41af-91ab-2d7cd011db47";
    private const string AadUser = "6f0a3a53-4b8e-4d33-8a54-3f1c4c6f9a10";
    private static readonly Dictionary<string, string?> ApiKeys = new() { ["Keliweb:ClientId"] = "client", ["Keliweb:ClientSecret"] = "secret" };
    private readonly StorageTarget _target = StorageTarget.Sqlite();
    private readonly List<(string Id, string Email, string Password)> _logins = [];
    private KeliwebResult<bool> _loginResult = new KeliwebResult<bool>.Success(true);
    private StorageTestHost? _host;

    private StorageTestHost Host => _host!;

    public async Task InitializeAsync() =>
        // Not started: the commands must migrate the schema themselves.
        _host = await _target.StartHostAsync(ApiKeys, start: false, configureServices: s => s.AddSingleton<KeliwebLogin>(FakeLoginAsync));

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        _target.Dispose();
    }

    [Fact]
    public async Task AccountsAdd_ReadsPasswordFromStdin_LogsIn_AndListShowsAccountWithoutToken()
    {
        var add = await RunAsync("s3cret-pass\n", "accounts", "add", "--email", "IT@Acme.example", "--id", "acme");
        Assert.Equal((0, "Account 'acme' (IT@Acme.example) is logged in; its refresh token is stored encrypted.\n", ""), add);
        Assert.Equal([("acme", "IT@Acme.example", "s3cret-pass")], _logins);

        var list = await RunAsync("", "accounts", "list");
        Assert.Equal(0, list.Exit);
        Assert.Equal(
            "ID    EMAIL            STATUS  REFRESHED_UTC     LOGIN  LOGIN_UTC         BY\n" +
            $"acme  IT@Acme.example  ok      2026-11-28 09:00  cli    2026-11-28 09:00  {Environment.UserName}\n",
            list.Out);
        Assert.DoesNotContain("token-for", list.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AccountsAdd_WithoutId_UsesTheEmailAsName()
    {
        Assert.Equal(0, (await RunAsync("pw\n", "accounts", "add", "--email", "Ops@Example.com")).Exit);
        Assert.Equal("ops@example.com", Assert.Single(_logins).Id);
    }

    [Fact]
    public async Task AccountsAdd_RefusedByKeliweb_ExitsOne_WithTheMessage_AndStoresNothing()
    {
        _loginResult = new KeliwebResult<bool>.ApiError("The user credentials were incorrect.");

        var add = await RunAsync("wrong\n", "accounts", "add", "--email", "it@acme.example");

        Assert.Equal((1, "", "Keliweb refused the login: The user credentials were incorrect.\n"), add);
        Assert.Empty(await Host.Accounts.ListAsync(default));
    }

    [Fact]
    public async Task AccountsAdd_WithoutApiKeys_ExitsOne_SayingSo_WithoutAskingKeliweb()
    {
        await using var keyless = await _target.StartHostAsync(start: false, configureServices: s => s.AddSingleton<KeliwebLogin>(FakeLoginAsync));
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await OperatorCommand.RunAsync(
            keyless.Services, ["accounts", "add", "--email", "a@b.c"], new OperatorConsole(new StringReader("pw\n"), output, error, false), default);

        Assert.Equal(1, exit);
        Assert.StartsWith("accounts add needs Keliweb's API keys: set Keliweb:ClientId and Keliweb:ClientSecret", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("refused", error.ToString(), StringComparison.Ordinal);
        Assert.Empty(_logins);
    }

    [Theory]
    [InlineData("", "accounts add --email it@acme.example", "No password given")]
    [InlineData("pw\n", "accounts add", "Option '--email' is required.")]
    [InlineData("pw\n", "accounts add --email nobody", "'nobody' is not an email address.")]
    [InlineData("pw\n", "accounts add --email a@b.c --id bad/name", "Account name 'bad/name'")]
    [InlineData("pw\n", "accounts add --email a@b.c --mail x", "Unknown option '--mail'.")]
    [InlineData("", "accounts frobnicate", "Unknown accounts command 'frobnicate'.")]
    [InlineData("", "links add --platform irc --team T --account a", "--platform must be 'slack' or 'teams'")]
    [InlineData("", "links add --platform slack --account a", "Option '--team' is required.")]
    [InlineData("", "links add --platform slack --team T0ACME0001 --account a --client-id -3", "Option '--client-id' must be a positive whole number (was '-3').")]
    [InlineData("", "links add --platform slack --team T0ACME0001 --account a --contact-id x", "Option '--contact-id' must be a positive whole number")]
    [InlineData("", "links add --platform slack --team acme.slack.com --account a", "--team: 'acme.slack.com' is not a Slack team id")]
    [InlineData("", "links add --platform slack --team T0ACME0001 --user john@acme.example --account a", "--user: 'john@acme.example' is not a Slack user id")]
    [InlineData("", "links add --platform teams --team acme --account a", "--team: 'acme' is not a Microsoft Entra tenant id")]
    [InlineData("", "links add --platform teams --team 72f988bf-86f1-41af-91ab-2d7cd011db47 --user U0123 --account a", "--user: 'U0123' is not a Teams user's aadObjectId")]
    [InlineData("", "links remove", "Expected the link id")]
    [InlineData("", "links add --platform slack --team", "Option '--team' needs a value.")]
    [InlineData("", "links remove abc", "Link id must be a number")]
    [InlineData("", "tickets", "Unknown command 'tickets'.")]
    public async Task BadCommandLine_ExitsTwo_WithTheProblemAndUsage(string stdin, string commandLine, string expectedError)
    {
        var run = await RunAsync(stdin, commandLine.Split(' '));

        Assert.Equal(2, run.Exit);
        Assert.Equal("", run.Out);
        Assert.StartsWith(expectedError, run.Error, StringComparison.Ordinal);
        Assert.Contains("Usage:", run.Error, StringComparison.Ordinal);
        Assert.Empty(_logins);
    }

    [Theory]
    [InlineData(true, "links", "list")]
    [InlineData(true, "outbox", "list")]
    [InlineData(true, "help")]
    [InlineData(true, "--help")]
    [InlineData(true, "-h")]
    [InlineData(false)]
    [InlineData(false, "--urls", "http://+:8080")]
    [InlineData(false, "Storage:Provider=Postgres")]
    [InlineData(false, "/Storage:Provider", "Postgres")]
    public void OnlyAPlainFirstWord_IsACommand_OptionsAndOverridesStartTheServer(bool isCommand, params string[] args) =>
        Assert.Equal(isCommand, OperatorCommand.IsOperatorCommand(args));

    [Theory]
    [InlineData("help")]
    [InlineData("--help")]
    [InlineData("-h")]
    public async Task Help_PrintsEveryGroupsUsage_ExitsZero(string help)
    {
        var run = await RunAsync("", help);

        Assert.Equal((0, ""), (run.Exit, run.Error));
        Assert.Contains("accounts add --email EMAIL", run.Out, StringComparison.Ordinal);
        Assert.Contains("links remove ID", run.Out, StringComparison.Ordinal);
        Assert.Contains("outbox list", run.Out, StringComparison.Ordinal);
        Assert.Contains("./ChatBot <command>", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("dotnet ChatBot.dll", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("accounts", "--help")]
    [InlineData("accounts", "-h")]
    [InlineData("accounts", "add", "--help")]
    [InlineData("links", "add", "-h")]
    [InlineData("outbox", "--help")]
    public async Task GroupHelp_PrintsThatGroupsUsage_ExitsZero_WithoutTouchingTheStore(params string[] args)
    {
        var run = await RunAsync("", args);

        Assert.Equal((0, ""), (run.Exit, run.Error));
        Assert.Contains(args[0] + " ", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(args[0] == "links" ? "accounts add" : "links add", run.Out, StringComparison.Ordinal);
        Assert.Empty(_logins);
        Assert.False(File.Exists(Path.Combine(_target.ContentRoot, "data", "chatbot.db")));
    }

    [Fact]
    public async Task LinksAdd_List_Remove_RoundTrip()
    {
        await RunAsync("pw\n", "accounts", "add", "--email", "it@acme.example", "--id", "acme");

        var workspace = await RunAsync("", "links", "add", "--platform", "Slack", "--team", "T0ACME0001", "--account", "acme");
        var user = await RunAsync("", "links", "add", "--platform", "teams", "--team", Tenant, "--user", AadUser, "--account", "acme", "--client-id", "100", "--contact-id", "7");

        Assert.Equal((0, "Link 1: slack team T0ACME0001 (whole workspace) -> account 'acme'.\n", ""), workspace);
        Assert.Equal((0, $"Link 2: teams team {Tenant} user {AadUser} -> account 'acme'.\n", ""), user);
        Assert.Equal(
            "ID  PLATFORM  TEAM                                  USER                                  ACCOUNT  CLIENT_ID  CONTACT_ID  MADE  MADE_UTC          BY\n" +
            $"1   slack     T0ACME0001                            *                                     acme     -          -           cli   2026-11-28 09:00  {Environment.UserName}\n" +
            $"2   teams     {Tenant}  {AadUser}  acme     100        7           cli   2026-11-28 09:00  {Environment.UserName}\n",
            (await RunAsync("", "links", "list")).Out);

        Assert.Equal((0, "Link 1 removed.\n", ""), await RunAsync("", "links", "remove", "1"));
        Assert.Equal((1, "", "No link 1.\n"), await RunAsync("", "links", "remove", "1"));
        Assert.Equal([2L], (await Host.Links.ListAsync(default)).Select(l => l.Id));
    }

    [Fact]
    public async Task LinksAdd_ForUnknownAccount_ExitsOne_AndSaysHowToAddIt()
    {
        var add = await RunAsync("", "links", "add", "--platform", "slack", "--team", "T0ACME0001", "--account", "ghost");

        Assert.Equal((1, "", "No account 'ghost'. Add it first: accounts add --email EMAIL --id ghost\n"), add);
        Assert.Empty(await Host.Links.ListAsync(default));
    }

    [Fact]
    public async Task AccountsRemove_RefusesWhileLinked_ThenRemoves()
    {
        await RunAsync("pw\n", "accounts", "add", "--email", "it@acme.example", "--id", "acme");
        await RunAsync("", "links", "add", "--platform", "slack", "--team", "T0ACME0001", "--account", "acme");

        Assert.Equal(1, (await RunAsync("", "accounts", "remove", "acme")).Exit);
        await RunAsync("", "links", "remove", "1");
        Assert.Equal((0, "Account 'acme' removed.\n", ""), await RunAsync("", "accounts", "remove", "acme"));
        await using var connection = await Host.Database.OpenAsync(default);
        Assert.Equal(0, await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM accounts"));
    }

    [Fact]
    public async Task AccountsAdd_WhenLoginIsNotWired_ExitsOne_Clearly()
    {
        await using var unwired = await _target.StartHostAsync(start: false);
        using var output = new StringWriter();
        using var error = new StringWriter();

        var exit = await OperatorCommand.RunAsync(
            unwired.Services, ["accounts", "add", "--email", "a@b.c"], new OperatorConsole(new StringReader("pw\n"), output, error, false), default);

        Assert.Equal(1, exit);
        Assert.Contains("Keliweb login is not wired", error.ToString(), StringComparison.Ordinal);
    }

    private async Task<(int Exit, string Out, string Error)> RunAsync(string stdin, params string[] args)
    {
        using var output = new StringWriter { NewLine = "\n" };
        using var error = new StringWriter { NewLine = "\n" };
        var exit = await OperatorCommand.RunAsync(Host.Services, args, new OperatorConsole(new StringReader(stdin), output, error, inputIsTerminal: false), default);
        return (exit, output.ToString(), error.ToString());
    }

    // Stands in for KeliwebTokenProvider.LoginAsync: on success it stores the refresh token, as the real one does.
    private async Task<KeliwebResult<bool>> FakeLoginAsync(string accountId, string email, string password, CancellationToken cancellationToken)
    {
        _logins.Add((accountId, email, password));
        if (_loginResult is KeliwebResult<bool>.Success)
        {
            await Host.Services.GetRequiredService<AccountStore>().SaveRefreshTokenAsync(accountId, email, "token-for-" + accountId, cancellationToken);
        }

        return _loginResult;
    }
}
