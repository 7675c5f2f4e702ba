namespace ChatBot.Linking.SignIn;

/// <summary>
/// Told when an account has a working login again (someone signed in on the page), so work that waited for it can go
/// on at once. The ticket pipeline implements it; Linking does not know what waits.
/// </summary>
public interface ISignInObserver
{
    Task AccountSignedInAsync(string accountId, CancellationToken cancellationToken);
}
