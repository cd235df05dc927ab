namespace OnboardingWorkflow.Engine.Runtime;

/// <summary>
/// Who is who. Every four-eyes rule compares people through <see cref="Same"/>, so the engine and
/// the application can never disagree about whether "Ana " and "ana" are one person.
/// </summary>
public static class Actors
{
    /// <summary>Whether two actor names denote the same person: trimmed, case-insensitive ordinal; a blank name is nobody.</summary>
    public static bool Same(string? a, string? b) =>
        !string.IsNullOrWhiteSpace(a) && !string.IsNullOrWhiteSpace(b)
        && string.Equals(a.Trim(), b.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>The form an actor name is recorded in.</summary>
    public static string? Normalize(string? actor) => string.IsNullOrWhiteSpace(actor) ? null : actor.Trim();
}
