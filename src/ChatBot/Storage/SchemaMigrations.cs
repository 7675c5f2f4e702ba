namespace ChatBot.Storage;

/// <summary>
/// The schema, version by version. Append new versions; never edit a released one.
/// Times are BIGINT Unix milliseconds and flags are SMALLINT 0/1 on both providers, so one set of queries serves both.
/// </summary>
internal static class SchemaMigrations
{
    public sealed record Migration(int Version, string Description, string Sql);

    public static IReadOnlyList<Migration> For(StorageProvider provider) =>
    [
        new(1, "accounts, links, submissions, tickets, data protection keys", V1(provider)),
        new(2, "indexes for claiming during a Keliweb outage", V2),
        new(3, "sign-in codes; how links and account logins were made", V3),
        new(4, "trace context, submission history, content retention", V4(provider)),
        new(5, "ending submissions past Tickets:MaxRetryAge; Unannounced is an end", V5),
        new(6, "Teams installations: welcomes and removals", V6),
        new(7, "Slack installations (Add to Slack), their install states, the installation of each submission, the teams of org-wide installs", V7),
        new(8, "ticket sync: followed tickets, their threads, posted staff replies, chat replies on their way", V8),
    ];

    // One row per installation: the team, or the organization of an org-wide install (id = the enterprise id). Tokens
    // are Data Protection ciphertexts; a revoked installation keeps its row (who, when) with both tokens NULL.
    // refresh_owner/refresh_until: the lease of the one instance refreshing a rotating token (never two at once).
    // Install states are stored by their SHA-256 with the SHA-256 of the browser cookie they are bound to.
    // slack_enterprise_teams: the organization whose org-wide install serves a workspace, learned from signed payloads
    // (for calls that know only the team); a cache that fills again, so storage copy-to-postgres leaves it.
    private const string V7 =
        """
        CREATE TABLE slack_installations (
            id TEXT PRIMARY KEY,
            team_id TEXT NULL,
            team_name TEXT NULL,
            enterprise_id TEXT NULL,
            enterprise_name TEXT NULL,
            is_enterprise_install SMALLINT NOT NULL DEFAULT 0,
            app_id TEXT NULL,
            bot_user_id TEXT NOT NULL,
            scopes TEXT NOT NULL,
            bot_token TEXT NULL,
            refresh_token TEXT NULL,
            token_expires_at BIGINT NULL,
            installed_by TEXT NULL,
            installed_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            revoked_at BIGINT NULL,
            refresh_owner TEXT NULL,
            refresh_until BIGINT NULL
        );
        CREATE TABLE slack_install_states (
            state_hash TEXT PRIMARY KEY,
            cookie_hash TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL,
            used_at BIGINT NULL
        );
        CREATE INDEX slack_install_states_expiry ON slack_install_states (expires_at);
        CREATE TABLE slack_enterprise_teams (
            team_id TEXT PRIMARY KEY,
            enterprise_id TEXT NOT NULL,
            seen_at BIGINT NOT NULL
        );
        ALTER TABLE submissions ADD COLUMN installation TEXT NULL;
        CREATE INDEX submissions_installation ON submissions (platform, installation) WHERE state = 'Accepted';
        """;

    // ticket_sync: one row per announced ticket the sync follows (next_poll_at NULL once it stops), leased like the
    // outbox. ticket_threads: the chat places whose messages belong to a ticket, as the platform names them.
    // ticket_reply_posts: 'Posting' is written before a staff reply goes to chat, 'Posted' after. thread_inbox: chat
    // messages in a ticket's thread, deduplicated by the message (message_key) and by the delivery (delivery_key), from
    // the platform's acknowledgement to add-ticket-reply. thread_hints: who was told once that a thread is not theirs.
    // submissions_requester serves "my tickets" without a scan.
    private const string V8 =
        """
        CREATE TABLE ticket_sync (
            submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
            platform TEXT NOT NULL,
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            account_id TEXT NOT NULL,
            ticket_id INTEGER NOT NULL,
            tid TEXT NOT NULL,
            announcement TEXT NULL,
            opened_at BIGINT NOT NULL,
            announced_at BIGINT NOT NULL,
            status TEXT NULL,
            status_shown TEXT NULL,
            last_reply_id BIGINT NULL,
            clock_offset_minutes INTEGER NULL,
            last_activity_at BIGINT NOT NULL,
            last_update_at BIGINT NULL,
            interval_ms BIGINT NOT NULL,
            next_poll_at BIGINT NULL,
            closed_at BIGINT NULL,
            failures INTEGER NOT NULL DEFAULT 0,
            last_error TEXT NULL,
            lease_owner TEXT NULL,
            lease_until BIGINT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX ticket_sync_due ON ticket_sync (next_poll_at) WHERE next_poll_at IS NOT NULL;

        CREATE TABLE ticket_threads (
            thread_key TEXT PRIMARY KEY,
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            created_at BIGINT NOT NULL
        );
        CREATE INDEX ticket_threads_submission ON ticket_threads (submission_id);

        CREATE TABLE ticket_reply_posts (
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            reply_id BIGINT NOT NULL,
            state TEXT NOT NULL,
            location TEXT NULL,
            detail TEXT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (submission_id, reply_id)
        );

        CREATE TABLE thread_inbox (
            id TEXT PRIMARY KEY,
            message_key TEXT NOT NULL UNIQUE,
            delivery_key TEXT NULL UNIQUE,
            submission_id TEXT NOT NULL REFERENCES submissions(id),
            platform TEXT NOT NULL,
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            message TEXT NULL,
            progress TEXT NULL,
            state TEXT NOT NULL,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            lease_owner TEXT NULL,
            lease_until BIGINT NULL,
            last_error TEXT NULL,
            sent_hash TEXT NULL,
            sent_at BIGINT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL
        );
        CREATE INDEX thread_inbox_due ON thread_inbox (next_attempt_at) WHERE state IN ('Accepted', 'Sending', 'Sent');
        CREATE INDEX thread_inbox_sent ON thread_inbox (submission_id) WHERE sent_hash IS NOT NULL;

        CREATE TABLE thread_hints (
            thread_key TEXT NOT NULL,
            user_id TEXT NOT NULL,
            created_at BIGINT NOT NULL,
            PRIMARY KEY (thread_key, user_id)
        );

        CREATE INDEX submissions_requester ON submissions (platform, team_id, user_id, created_at);
        """;

    // Sign-in codes are stored by their SHA-256 only: the raw code is in the link the person got, nowhere else.
    // Provenance: links and account logins say whether configuration, the CLI or the person themself made them.
    private const string V3 =
        """
        CREATE TABLE sign_in_codes (
            code_hash TEXT PRIMARY KEY,
            platform TEXT NOT NULL,
            team_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            user_name TEXT NOT NULL,
            team_name TEXT NULL,
            locale TEXT NOT NULL,
            reply_to TEXT NOT NULL,
            may_link_workspace SMALLINT NOT NULL DEFAULT 0,
            failed_attempts INTEGER NOT NULL DEFAULT 0,
            busy_until BIGINT NULL,
            used_at BIGINT NULL,
            created_at BIGINT NOT NULL,
            expires_at BIGINT NOT NULL
        );
        CREATE INDEX sign_in_codes_expiry ON sign_in_codes (expires_at);
        ALTER TABLE links ADD COLUMN source TEXT NOT NULL DEFAULT 'cli';
        ALTER TABLE links ADD COLUMN made_by TEXT NULL;
        ALTER TABLE links ADD COLUMN made_at BIGINT NULL;
        UPDATE links SET made_at = created_at;
        ALTER TABLE accounts ADD COLUMN login_source TEXT NULL;
        ALTER TABLE accounts ADD COLUMN login_by TEXT NULL;
        ALTER TABLE accounts ADD COLUMN login_at BIGINT NULL;
        """;

    // trace_parent: the W3C traceparent of the accept, so the worker's spans join the submission's trace.
    // submission_events: what happened to a submission, for 'outbox show'. purged_at: when retention removed its content.
    // The ended index serves "failed in the last hour" (details, gauges) and the retention purge without a table scan.
    private static string V4(StorageProvider provider)
    {
        var autoId = provider == StorageProvider.Postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        return $"""
            ALTER TABLE submissions ADD COLUMN trace_parent TEXT NULL;
            ALTER TABLE submissions ADD COLUMN purged_at BIGINT NULL;
            CREATE INDEX submissions_ended ON submissions (updated_at) WHERE state IN ('Announced', 'Failed', 'Uncertain') AND notice_due = 0 AND purged_at IS NULL;
            CREATE TABLE submission_events (
                id {autoId},
                submission_id TEXT NOT NULL REFERENCES submissions(id),
                at BIGINT NOT NULL,
                state TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                detail TEXT NULL
            );
            CREATE INDEX submission_events_submission ON submission_events (submission_id, id);
            """;
    }

    // During an outage the worker looks only for rows in progress and for new rows whose users were not yet told
    // they are queued; with one index over every due row it walked the whole queue of waiting rows at each claim.
    private const string V2 =
        """
        CREATE INDEX submissions_in_progress ON submissions (next_attempt_at) WHERE state IN ('Sending', 'Opened') OR notice_due = 1;
        CREATE INDEX submissions_unnoticed ON submissions (next_attempt_at) WHERE state = 'Accepted' AND queued_noticed = 0;
        """;

    // Rows past their age limit are claimed whatever their next attempt says (the outage pause holds queued rows, and
    // rows written before Retry-After was capped may wait until 2099): by age, over the same rows as submissions_due.
    // Unannounced (the ticket is open, its notice reached nobody) is an end like the others: retention and the
    // "ended lately" figures count it, so their index does.
    private const string V5 =
        """
        CREATE INDEX submissions_open_by_age ON submissions (created_at) WHERE state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1;
        DROP INDEX submissions_ended;
        CREATE INDEX submissions_ended ON submissions (updated_at) WHERE state IN ('Announced', 'Failed', 'Uncertain', 'Unannounced') AND notice_due = 0 AND purged_at IS NULL;
        """;

    // One row per place the Teams app is installed (a team, a group chat, a personal scope): whether it was welcomed,
    // and whether it was removed, so that nothing is posted there any more. Named for Teams because only Teams has
    // installations; the core never reads it.
    private const string V6 =
        """
        CREATE TABLE teams_installations (
            tenant_id TEXT NOT NULL,
            scope_key TEXT NOT NULL,
            conversation_id TEXT NOT NULL,
            personal SMALLINT NOT NULL DEFAULT 0,
            service_url TEXT NOT NULL,
            service_url_vouched SMALLINT NOT NULL DEFAULT 0,
            locale TEXT NULL,
            welcome TEXT NULL,
            removed SMALLINT NOT NULL DEFAULT 0,
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at BIGINT NOT NULL,
            lease_owner TEXT NULL,
            lease_until BIGINT NULL,
            created_at BIGINT NOT NULL,
            updated_at BIGINT NOT NULL,
            PRIMARY KEY (tenant_id, scope_key)
        );

        CREATE INDEX teams_installations_welcome_due ON teams_installations (next_attempt_at) WHERE welcome = 'due';
        """;

    private static string V1(StorageProvider provider)
    {
        var autoId = provider == StorageProvider.Postgres ? "BIGSERIAL PRIMARY KEY" : "INTEGER PRIMARY KEY AUTOINCREMENT";
        return $"""
            CREATE TABLE accounts (
                id TEXT PRIMARY KEY,
                email TEXT NOT NULL,
                refresh_token TEXT NULL,
                refreshed_at BIGINT NULL,
                needs_login SMALLINT NOT NULL DEFAULT 0,
                needs_login_reason TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );

            CREATE TABLE links (
                id {autoId},
                platform TEXT NOT NULL,
                team_id TEXT NOT NULL,
                user_id TEXT NOT NULL DEFAULT '',
                account_id TEXT NOT NULL REFERENCES accounts(id),
                client_id INTEGER NULL,
                contact_id INTEGER NULL,
                created_at BIGINT NOT NULL,
                UNIQUE (platform, team_id, user_id)
            );

            CREATE TABLE submissions (
                id TEXT PRIMARY KEY,
                idempotency_key TEXT NOT NULL UNIQUE,
                platform TEXT NOT NULL,
                team_id TEXT NOT NULL,
                user_id TEXT NOT NULL,
                state TEXT NOT NULL,
                draft TEXT NOT NULL,
                account_id TEXT NULL,
                client_id INTEGER NULL,
                contact_id INTEGER NULL,
                guest SMALLINT NOT NULL DEFAULT 0,
                attempts INTEGER NOT NULL DEFAULT 0,
                next_attempt_at BIGINT NOT NULL,
                lease_owner TEXT NULL,
                lease_until BIGINT NULL,
                notice_due SMALLINT NOT NULL DEFAULT 0,
                queued_noticed SMALLINT NOT NULL DEFAULT 0,
                progress TEXT NULL,
                last_error TEXT NULL,
                created_at BIGINT NOT NULL,
                updated_at BIGINT NOT NULL
            );

            CREATE INDEX submissions_due ON submissions (next_attempt_at) WHERE state IN ('Accepted', 'Sending', 'Opened') OR notice_due = 1;

            CREATE TABLE tickets (
                submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
                account_id TEXT NULL,
                ticket_id INTEGER NOT NULL,
                tid TEXT NOT NULL,
                access_key TEXT NOT NULL,
                opened_at BIGINT NOT NULL
            );

            CREATE TABLE data_protection_keys (
                friendly_name TEXT PRIMARY KEY,
                xml TEXT NOT NULL,
                created_at BIGINT NOT NULL
            );
            """;
    }
}
