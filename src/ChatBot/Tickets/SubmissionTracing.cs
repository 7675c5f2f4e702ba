using System.Diagnostics;
using ChatBot.Telemetry;

namespace ChatBot.Tickets;

/// <summary>
/// One trace per submission: the accept starts it (inside the platform's request), its context is stored with the row,
/// and every pass of the worker (download, Keliweb, the post back) is a span in that same trace, however long after
/// and on whichever instance it runs.
/// </summary>
public static class SubmissionTracing
{
    public const string IdTag = "chatbot.submission.id";
    public const string DuplicateTag = "chatbot.submission.duplicate";

    /// <summary>A worker pass over <paramref name="s"/>, continuing its trace; null when nothing listens.</summary>
    public static Activity? StartProcessing(Submission s)
    {
        ArgumentNullException.ThrowIfNull(s);
        if (!ChatBotTelemetry.ActivitySource.HasListeners())
        {
            return null;
        }

        ActivityContext.TryParse(s.TraceParent, null, isRemote: true, out var parent);
        var activity = ChatBotTelemetry.ActivitySource.StartActivity("submission process", ActivityKind.Internal, parent);
        activity?.SetTag(IdTag, s.Id).SetTag(SubmissionMetrics.PlatformTag, s.Draft.Requester.Platform).SetTag(SubmissionMetrics.StateTag, s.State.ToString());
        return activity;
    }
}
