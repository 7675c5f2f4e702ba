namespace ChatBot.Alerts;

/// <summary>
/// One alert: its <paramref name="Kind"/> (alerts of a kind are rate-limited together), a short <paramref name="Key"/>
/// naming what it is about (a submission id, an account), and its text in the operator's language.
/// </summary>
public sealed record OperatorAlert(string Kind, string Key, Func<AlertTexts, string> Text);

/// <summary>The kinds of alert; a feature adding alerts adds its kind here and its texts to <see cref="AlertTexts"/>.</summary>
public static class AlertKinds
{
    public const string SubmissionFailed = "submission-failed";
    public const string SubmissionUncertain = "submission-uncertain";
    public const string SubmissionUnannounced = "submission-unannounced";
    public const string AccountNeedsSignIn = "account-needs-sign-in";
    public const string KeliwebUnreachable = "keliweb-unreachable";
    public const string KeliwebReachable = "keliweb-reachable";
}
