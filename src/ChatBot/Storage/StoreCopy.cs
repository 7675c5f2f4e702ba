using System.Data.Common;
using System.Globalization;
using System.Xml.Linq;

namespace ChatBot.Storage;

/// <summary>
/// Copies what a running bot needs from one store into an empty, migrated other one, in one transaction on the target:
/// the Data Protection keys (so the refresh tokens, copied as they are, still decrypt), the accounts, the links (with
/// their ids, which operators use), and the submissions not yet ended with their tickets and history. Ended
/// submissions stay behind: they are history, and the source keeps them. Leases are dropped: the target's workers claim
/// afresh. The source is only read.
/// </summary>
public sealed class StoreCopy(Database source, Database target, TimeProvider time)
{
    // Not ended: the worker still has something to do (open, reply, post back).
    private const string OpenSubmissions = "state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1";

    // Sign-in codes are not copied: they live 15 minutes, and whoever had one asks for a new one.
    private static readonly string[] AccountColumns =
        ["id", "email", "refresh_token", "refreshed_at", "needs_login", "needs_login_reason", "created_at", "updated_at", "login_source", "login_by", "login_at"];

    private static readonly string[] LinkColumns =
        ["id", "platform", "team_id", "user_id", "account_id", "client_id", "contact_id", "created_at", "source", "made_by", "made_at"];
    private static readonly string[] SubmissionColumns =
    [
        "id", "idempotency_key", "platform", "team_id", "user_id", "state", "draft", "account_id", "client_id", "contact_id", "guest", "attempts",
        "next_attempt_at", "notice_due", "queued_noticed", "progress", "last_error", "created_at", "updated_at", "trace_parent", "purged_at",
        "installation",
    ];

    // Install states are not copied either: they live 10 minutes. Installations are, tokens as they are (the keys come too).
    private static readonly string[] SlackInstallationColumns =
    [
        "id", "team_id", "team_name", "enterprise_id", "enterprise_name", "is_enterprise_install", "app_id", "bot_user_id", "scopes", "bot_token",
        "refresh_token", "token_expires_at", "installed_by", "installed_at", "updated_at", "revoked_at",
    ];

    private static readonly string[] TicketColumns = ["submission_id", "account_id", "ticket_id", "tid", "access_key", "opened_at"];
    private static readonly string[] EventColumns = ["submission_id", "at", "state", "attempts", "detail"];

    /// <summary>Copies; throws <see cref="StorageFailureException"/> when the target already holds data (nothing is written then).</summary>
    public async Task<StoreCopyCounts> CopyAsync(IReadOnlyCollection<XElement> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        await using var from = await source.OpenAsync(cancellationToken);
        await using var session = await target.OpenForWriteAsync(cancellationToken);
        var to = session.Connection;
        await using var tx = await to.BeginTransactionAsync(cancellationToken);
        foreach (var table in (string[])["accounts", "links", "submissions", "data_protection_keys", "slack_installations"])
        {
            if (Convert.ToInt64(await to.ScalarAsync($"SELECT COUNT(*) FROM {table}", cancellationToken, tx), CultureInfo.InvariantCulture) > 0)
            {
                throw new StorageFailureException($"the target already holds {table}: copy only into a new, empty database ({target.Describe()}).");
            }
        }

        var copiedKeys = 0;
        foreach (var key in keys)
        {
            var name = "key-" + (string?)key.Attribute("id");
            var created = DateTimeOffset.TryParse((string?)key.Element("creationDate"), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
                ? at : time.GetUtcNow();
            copiedKeys += await to.ExecuteAsync(
                new SqlStatement("INSERT INTO data_protection_keys (friendly_name, xml, created_at) VALUES (@name, @xml, @at)")
                    .With("name", name).With("xml", key.ToString(SaveOptions.DisableFormatting)).With("at", created.ToUnixTimeMilliseconds()),
                cancellationToken, tx);
        }

        var counts = new StoreCopyCounts(
            copiedKeys,
            await CopyRowsAsync(from, to, tx, "accounts", AccountColumns, "1 = 1", cancellationToken),
            await CopyRowsAsync(from, to, tx, "links", LinkColumns, "1 = 1", cancellationToken),
            await CopyRowsAsync(from, to, tx, "submissions", SubmissionColumns, OpenSubmissions, cancellationToken),
            await CopyRowsAsync(from, to, tx, "tickets", TicketColumns, $"submission_id IN (SELECT id FROM submissions WHERE {OpenSubmissions})", cancellationToken),
            await CopyRowsAsync(from, to, tx, "submission_events", EventColumns, $"submission_id IN (SELECT id FROM submissions WHERE {OpenSubmissions}) ORDER BY id", cancellationToken),
            await CopyRowsAsync(from, to, tx, "slack_installations", SlackInstallationColumns, "1 = 1", cancellationToken));
        if (target.Provider == StorageProvider.Postgres)
        {
            // Ids were copied as they were: the sequence continues after them.
            await to.ExecuteAsync("SELECT setval(pg_get_serial_sequence('links', 'id'), COALESCE((SELECT MAX(id) FROM links), 0) + 1, false)", cancellationToken, tx);
        }

        await tx.CommitAsync(cancellationToken);
        return counts;
    }

    private static async Task<int> CopyRowsAsync(
        DbConnection from, DbConnection to, DbTransaction tx, string table, string[] columns, string where, CancellationToken cancellationToken)
    {
        var rows = await from.QueryAsync(
            $"SELECT {string.Join(", ", columns)} FROM {table} WHERE {where}",
            r => Enumerable.Range(0, columns.Length).Select(i => r.IsDBNull(i) ? null : r.GetValue(i)).ToArray(),
            cancellationToken);
        var insert = $"INSERT INTO {table} ({string.Join(", ", columns)}) VALUES ({string.Join(", ", columns.Select(c => "@" + c))})";
        foreach (var row in rows)
        {
            var statement = new SqlStatement(insert);
            for (var i = 0; i < columns.Length; i++)
            {
                statement.With(columns[i], row[i]);
            }

            await to.ExecuteAsync(statement, cancellationToken, tx);
        }

        return rows.Count;
    }
}

/// <summary>How many of each were copied.</summary>
public sealed record StoreCopyCounts(int Keys, int Accounts, int Links, int Submissions, int Tickets, int Events, int SlackInstallations);
