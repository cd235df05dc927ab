namespace OnboardingWorkflow.Credit.Authority;

/// <summary>
/// How the authority matrix compares people: user ids are the same when they match trimmed and
/// ignoring case, so "Maker@Example.com" cannot approve the case "maker@example.com" made.
/// </summary>
public static class UserIds
{
    public static string Key(string id) => id.Trim().ToLowerInvariant();

    /// <summary>Trimmed, case-insensitive ordinal; a blank id is nobody. The engine's four-eyes rule compares the same way.</summary>
    public static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b) && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);
}
