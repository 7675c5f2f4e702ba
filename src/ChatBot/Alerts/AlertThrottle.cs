namespace ChatBot.Alerts;

/// <summary>
/// The rate limit: alerts of one kind go out at most once per <c>Alerts:MinInterval</c>. The first goes at once; the
/// ones that follow within the interval are held and counted, and the next alert of that kind (or, when none comes,
/// <see cref="DueSummaries"/> once the interval is over) says how many were held and what they were about.
/// </summary>
public sealed class AlertThrottle
{
    // Enough keys to find the submissions in 'outbox list'; the count says the rest.
    private const int KeysKept = 10;

    private readonly Dictionary<string, KindState> _kinds = new(StringComparer.Ordinal);

    /// <summary>The text to post now (with the held ones summed up), or null when the alert is held back.</summary>
    public string? Offer(OperatorAlert alert, DateTimeOffset now, TimeSpan interval, AlertTexts texts)
    {
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(texts);
        if (!_kinds.TryGetValue(alert.Kind, out var state))
        {
            _kinds[alert.Kind] = new KindState { LastSent = now };
            return alert.Text(texts);
        }

        if (now - state.LastSent < interval)
        {
            state.Hold(alert.Key, now);
            return null;
        }

        var text = alert.Text(texts) + (state.Held > 0 ? "\n" + state.Summary(texts) : "");
        state.Reset(now);
        return text;
    }

    /// <summary>Summaries of the alerts held back whose interval has passed with no new alert of their kind.</summary>
    public IReadOnlyList<string> DueSummaries(DateTimeOffset now, TimeSpan interval, AlertTexts texts)
    {
        var due = new List<string>();
        foreach (var state in _kinds.Values.Where(s => s.Held > 0 && now - s.LastSent >= interval))
        {
            due.Add(state.Summary(texts));
            state.Reset(now);
        }

        return due;
    }

    private sealed class KindState
    {
        private readonly List<string> _keys = [];
        private DateTimeOffset _heldSince;

        public DateTimeOffset LastSent { get; set; }

        public int Held { get; private set; }

        public void Hold(string key, DateTimeOffset now)
        {
            if (Held == 0)
            {
                _heldSince = now;
            }

            Held++;
            if (_keys.Count < KeysKept && !_keys.Contains(key))
            {
                _keys.Add(key);
            }
        }

        public string Summary(AlertTexts texts) => texts.HeldBack(Held, _heldSince, _keys);

        public void Reset(DateTimeOffset now)
        {
            LastSent = now;
            Held = 0;
            _keys.Clear();
        }
    }
}
