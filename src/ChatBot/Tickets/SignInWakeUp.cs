using ChatBot.Linking.SignIn;

namespace ChatBot.Tickets;

/// <summary>A sign-in on the page brings an account back: its waiting submissions are due now, and the worker is woken.</summary>
public sealed class SignInWakeUp(TicketOutbox outbox, SubmissionSignal signal) : ISignInObserver
{
    public async Task AccountSignedInAsync(string accountId, CancellationToken cancellationToken)
    {
        if (await outbox.WakeAccountAsync(accountId, cancellationToken) > 0)
        {
            signal.Notify();
        }
    }
}
