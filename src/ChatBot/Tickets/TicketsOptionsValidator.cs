using Microsoft.Extensions.Options;

namespace ChatBot.Tickets;

/// <summary>The data annotations of <see cref="TicketsOptions"/>, departments and custom fields included, checked by code generated at build time.</summary>
[OptionsValidator]
internal sealed partial class TicketsOptionsValidator : IValidateOptions<TicketsOptions>;
