namespace ChatBot.ChatCommands;

/// <summary>
/// A command's answer, platform-free: plain text (backticks for commands) and buttons that open a URL. Slack shows it
/// ephemeral with URL buttons; Teams as a card with <c>Action.OpenUrl</c> in the person's 1:1 chat.
/// </summary>
/// <param name="IsPrivate">False only for replies anyone may see (help): Teams then answers where it was asked.</param>
public sealed record ChatReply(string Text, IReadOnlyList<ChatButton> Buttons, bool IsPrivate = true)
{
    public static ChatReply Say(string text) => new(text, []);
}

/// <summary>A button that opens <paramref name="Url"/> in the browser.</summary>
public sealed record ChatButton(string Label, Uri Url);
