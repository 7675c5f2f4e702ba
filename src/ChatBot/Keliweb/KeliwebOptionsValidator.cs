using Microsoft.Extensions.Options;

namespace ChatBot.Keliweb;

/// <summary>The data annotations of <see cref="KeliwebOptions"/>, checked by code generated at build time.</summary>
[OptionsValidator]
internal sealed partial class KeliwebOptionsValidator : IValidateOptions<KeliwebOptions>;
