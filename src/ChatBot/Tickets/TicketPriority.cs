namespace ChatBot.Tickets;

/// <summary>WHMCS accepts exactly these (case-sensitive) and silently turns anything else into Low.</summary>
public enum TicketPriority
{
    Low,
    Medium,
    High,
}
