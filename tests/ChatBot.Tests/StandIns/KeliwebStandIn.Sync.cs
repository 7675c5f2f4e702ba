using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ChatBot.Tests.StandIns;

// The support team's side of a ticket (issue 13): what staff do in Keliweb's admin area, for the sync to find.
public sealed partial class KeliwebStandIn
{
    /// <summary>A staff reply on ticket <paramref name="ticketId"/> (the ticket becomes Answered); its reply id.</summary>
    public async Task<int> AddStaffReplyAsync(int ticketId, string admin, string message, params string[] attachments)
    {
        using var response = await control.PostAsJsonAsync("staff-reply", new { ticketid = ticketId, admin, message, attachments }, Json);
        response.EnsureSuccessStatusCode();
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return answer["replyid"]!.GetValue<int>();
    }

    /// <summary>Staff change the status (any WHMCS status, custom ones too).</summary>
    public async Task SetStatusAsync(int ticketId, string status)
    {
        using var response = await control.PostAsJsonAsync("set-status", new { ticketid = ticketId, status }, Json);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Keliweb's clock is local time without a zone: shift it from UTC by this many minutes.</summary>
    public Task SetClockOffsetAsync(int minutes) => PostAsync("config", new { clock_offset_minutes = minutes });
}
