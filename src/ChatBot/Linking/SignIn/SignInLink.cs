namespace ChatBot.Linking.SignIn;

/// <summary>A fresh sign-in link for one person: a bearer secret, shown only to them.</summary>
/// <param name="Url"><c>{PublicBaseUrl}link/{code}</c>.</param>
/// <param name="Label">The button's text, in the person's language.</param>
public sealed record SignInLink(Uri Url, string Label, DateTimeOffset ExpiresAt);
