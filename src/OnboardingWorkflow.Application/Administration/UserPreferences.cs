using System.Globalization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data;

namespace OnboardingWorkflow.Application.Administration;

/// <summary>
/// A person's language: chosen in the dashboard (or through the API), kept on their account, so the
/// dashboard opens in it on any browser after sign-in and the e-mails to them are written in it.
/// </summary>
public sealed class UserPreferences(OnboardingDbContext db)
{
    /// <summary>Keeps the chosen language; refuses one the product does not speak.</summary>
    public async Task<CultureInfo> SetCultureAsync(CurrentUser user, string? culture, CancellationToken cancellationToken = default)
    {
        var chosen = Languages.Find(culture) ?? throw AppException.InvalidField("culture", FieldText.Format(FieldText.Keys.KnownLanguages, Languages.Names));
        var normalized = Normalize(user.Name);
        var updated = await db.Users.Where(u => u.NormalizedUserName == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.PreferredCulture, chosen.Name), cancellationToken);
        return updated == 0 ? throw AppException.NotFound($"User {user.Name}") : chosen;
    }

    /// <summary>Switches the daily e-mail digest of the person's open tasks on or off.</summary>
    public async Task<bool> SetTaskDigestAsync(CurrentUser user, bool taskDigest, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(user.Name);
        var updated = await db.Users.Where(u => u.NormalizedUserName == normalized)
            .ExecuteUpdateAsync(s => s.SetProperty(u => u.TaskDigest, taskDigest), cancellationToken);
        return updated == 0 ? throw AppException.NotFound($"User {user.Name}") : taskDigest;
    }

    /// <summary>Whether the person asked for the daily digest of their open tasks.</summary>
    public async Task<bool> TaskDigestAsync(string userName, CancellationToken cancellationToken = default)
    {
        var normalized = Normalize(userName);
        return await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.TaskDigest).FirstOrDefaultAsync(cancellationToken);
    }

    /// <summary>The language the person chose, or null if they never chose one.</summary>
    public Task<CultureInfo?> ChosenCultureAsync(string userName, CancellationToken cancellationToken = default) =>
        ChosenCultureAsync(db, userName, cancellationToken);

    /// <summary>
    /// The language to continue in after sign-in: the one kept on the account; an account without
    /// one keeps the language this browser was using, so the e-mails follow what the person reads.
    /// </summary>
    public async Task<CultureInfo?> AtSignInAsync(string userName, string? browserCulture, CancellationToken cancellationToken = default)
    {
        if (await ChosenCultureAsync(userName, cancellationToken) is { } kept)
        {
            return kept;
        }

        return Languages.Find(browserCulture) is { } browsing
            ? await SetCultureAsync(new CurrentUser(userName, []), browsing.Name, cancellationToken)
            : null;
    }

    /// <summary>The language to write to a person in: their choice, else the default (also for addresses that are no user).</summary>
    internal static async Task<CultureInfo> CultureToWriteToAsync(OnboardingDbContext db, string recipient, CancellationToken cancellationToken) =>
        await ChosenCultureAsync(db, recipient, cancellationToken) ?? Languages.Default;

    private static async Task<CultureInfo?> ChosenCultureAsync(OnboardingDbContext db, string userName, CancellationToken cancellationToken)
    {
        var normalized = Normalize(userName);
        var name = await db.Users.Where(u => u.NormalizedUserName == normalized).Select(u => u.PreferredCulture).FirstOrDefaultAsync(cancellationToken);
        return Languages.Find(name);
    }

    // The same normalization as Identity's default lookup normalizer.
    private static string Normalize(string userName) => userName.Trim().ToUpperInvariant();
}
