using System.Text;
using ChatBot.Keliweb;
using ChatBot.Linking.SignIn;
using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>Turns a submission's state into the localized notice a chat channel shows.</summary>
public sealed class TicketNotices(IOptionsMonitor<KeliwebOptions> keliweb)
{
    /// <summary>Keliweb's refusals are a line; one longer than this is not what a short notice should carry whole.</summary>
    private const int ShortReasonLength = 300;

    public TicketNotice Queued(Submission s)
    {
        var t = TicketTexts.For(s.Draft.Requester.Locale);
        return new(TicketNoticeKind.Queued, s.Id, s.Draft.Subject, t.Queued(s.Draft.Subject), null, null, null, t.Culture, ShortText: t.QueuedShort);
    }

    /// <summary>Not linked: with <paramref name="signIn"/>, how to link oneself; without (no sign-in page), whom to ask.</summary>
    public TicketNotice NotLinked(Requester requester, string subject, SignInLink? signIn)
    {
        var t = TicketTexts.For(requester.Locale);
        var text = signIn is null ? t.NotLinked(requester.TenantId, requester.UserId) : t.LinkYourAccount;
        return new(TicketNoticeKind.NotLinked, "", subject, text, text, null, null, t.Culture, signIn);
    }

    /// <summary>The notice for a submission that reached an end (Opened, Failed or Uncertain).</summary>
    public TicketNotice Outcome(Submission s)
    {
        var t = TicketTexts.For(s.Draft.Requester.Locale);
        var subject = s.Draft.Subject;
        switch (s.State)
        {
            case SubmissionState.Opened or SubmissionState.Announced or SubmissionState.Unannounced when s.Ticket is { } ticket:
                var url = TicketUrl(ticket);
                var text = t.OpenedPublic(ticket.Tid, subject) + FileReport(s.Progress, t);
                return new(TicketNoticeKind.Opened, s.Id, subject, text, t.OpenedPrivate(ticket.Tid, url), ticket.Tid, url, t.Culture, ShortText: t.OpenedShort(ticket.Tid));
            case SubmissionState.Uncertain:
                return new(TicketNoticeKind.Uncertain, s.Id, subject, t.Uncertain(subject), null, null, null, t.Culture, ShortText: t.UncertainShort);
            default:
                var reason = s.Progress.FailureFromApi
                    ? WhmcsMessages.Localize(s.Progress.FailureMessage ?? "", t)
                    : s.Progress.FailureMessage ?? t.UnknownError;
                // Keliweb's messages end with a period as often as not; the sentence around them has its own.
                reason = reason.TrimEnd().TrimEnd('.');
                return new(TicketNoticeKind.Failed, s.Id, subject, t.Failed(subject, reason), null, null, null, t.Culture,
                    ShortText: t.FailedShort(reason.Length <= ShortReasonLength ? reason : string.Concat(reason.AsSpan(0, ShortReasonLength - 1), "…")));
        }
    }

    /// <summary>The ticket's client-area link, a bearer secret: only ever where its requester alone sees it.</summary>
    public Uri? TicketUrl(OpenedTicketInfo ticket)
    {
        var template = keliweb.CurrentValue.TicketUrlTemplate;
        var text = template
            .Replace("{tid}", Uri.EscapeDataString(ticket.Tid), StringComparison.Ordinal)
            .Replace("{c}", Uri.EscapeDataString(ticket.AccessKey), StringComparison.Ordinal);
        return Uri.TryCreate(text, UriKind.Absolute, out var uri) ? uri : null;
    }

    private static string FileReport(SubmissionProgress progress, TicketTexts t)
    {
        if (progress.Files.Count == 0)
        {
            return "";
        }

        var report = new StringBuilder();
        var attached = progress.Files.Where(f => f.Status is StagedFileStatus.Attached or StagedFileStatus.AttachedInReply).Select(f => f.Name).ToList();
        if (attached.Count > 0)
        {
            report.Append('\n').Append(t.AttachedFiles).Append(": ").AppendJoin(", ", attached).Append('.');
        }

        // Files skipped for the same reason share it ("a.pdf, b.pdf (…)"): a platform's reason may be a sentence with a link.
        var skipped = FileNote.Skipped(progress.Files, t);
        if (skipped.Length > 0)
        {
            report.Append('\n').Append(t.NotAttachedFiles).Append(": ").Append(skipped).Append('.');
        }

        return report.ToString();
    }
}
