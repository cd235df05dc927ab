using OnboardingWorkflow.Credit.Authority;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// The one comparison of user identities: the maker, an approver, an assignee and a claimant are
/// the same person when their user names match, trimmed and ignoring case — the comparison the
/// authority matrix uses (<see cref="UserIds"/>). Every rule that asks "is this the same person"
/// calls <see cref="Same"/>, so no path compares differently.
/// </summary>
public static class Identities
{
    public static bool Same(string? a, string? b) => UserIds.Same(a, b);

    public static bool Contains(IEnumerable<string> names, string? name) => names.Any(n => Same(n, name));
}
