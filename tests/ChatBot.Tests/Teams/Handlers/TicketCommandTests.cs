using ChatBot.Teams.Handlers;

namespace ChatBot.Tests.Teams.Handlers;

public sealed class TicketCommandTests
{
    [Theory]
    [InlineData("ticket")]
    [InlineData("Ticket")]
    [InlineData("  TICKET  ")]
    [InlineData("<at>Keliweb Support</at> ticket")]
    [InlineData("<at>Keliweb Support</at>&nbsp;Ticket\n")]
    [InlineData("ticket <at>Keliweb Support</at>")]
    [InlineData("/ticket")]
    [InlineData("nuovo ticket")]
    [InlineData("Apri un ticket!")]
    [InlineData("new ticket.")]
    public void Recognises(string text) => Assert.True(TicketCommand.IsTicketRequest(text));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("<at>Keliweb Support</at>")]
    [InlineData("tickets")]
    [InlineData("I need a ticket for my site")]
    [InlineData("<at>ticket</at> hello")]
    public void Ignores(string? text) => Assert.False(TicketCommand.IsTicketRequest(text));
}
