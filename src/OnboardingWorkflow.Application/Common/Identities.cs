using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Common;

/// <summary>
/// The one comparison of user identities: the maker, an approver, an assignee and a claimant are
/// the same person when their user names match, trimmed and ignoring case — the comparison the
/// engine's four-eyes rule (<see cref="Actors"/>) and the authority matrix (<see cref="UserIds"/>)
/// make, which a test holds together. Every rule that asks "is this the same person"
/// calls <see cref="Same"/>, so no path compares differently.
/// </summary>
public static class Identities
{
    public static bool Same(string? a, string? b) => Actors.Same(a, b);

    public static bool Contains(IEnumerable<string> names, string? name) => names.Any(n => Same(n, name));

    /// <summary>
    /// Whether two assignments of a task are the same: the same person, or nobody both times (a group
    /// task nobody has taken). <see cref="Same"/> never holds for nobody, since nobody is no one's maker.
    /// </summary>
    public static bool SameAssignment(string? a, string? b) =>
        Same(a, b) || (string.IsNullOrWhiteSpace(a) && string.IsNullOrWhiteSpace(b));
}
