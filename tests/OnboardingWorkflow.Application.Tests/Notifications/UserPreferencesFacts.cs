using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Application.Administration;
using OnboardingWorkflow.Application.Notifications;
using OnboardingWorkflow.Application.Tests.Support;
using OnboardingWorkflow.Data.Email;
using OnboardingWorkflow.Data.Identity;

namespace OnboardingWorkflow.Application.Tests.Notifications;

/// <summary>The language kept on an account, on real SQLite: how it is chosen, kept at sign-in, and followed by the e-mails.</summary>
public sealed class UserPreferencesFacts : IAsyncLifetime
{
    private const string Li = "li@owf.test";
    private const string Sally = "sally@owf.test";
    private readonly SqliteWorld _world = new();

    private UserPreferences Preferences => new(_world.Db);

    public async Task InitializeAsync()
    {
        await _world.InitializeAsync();
        foreach (var email in new[] { Li, Sally })
        {
            _world.Db.Users.Add(new AppUser { UserName = email, NormalizedUserName = email.ToUpperInvariant(), Email = email, NormalizedEmail = email.ToUpperInvariant() });
        }

        await _world.Db.SaveChangesAsync();
    }

    public Task DisposeAsync() => _world.DisposeAsync();

    [Fact]
    public async Task A_chosen_language_is_kept_on_the_account_whatever_the_case_of_the_name()
    {
        var chosen = await Preferences.SetCultureAsync(new CurrentUser("LI@owf.test", []), "zh-cn");

        Assert.Equal("zh-CN", chosen.Name);
        Assert.Equal("zh-CN", (await Preferences.ChosenCultureAsync(Li))?.Name);
        Assert.Null(await Preferences.ChosenCultureAsync(Sally));
    }

    [Theory]
    [InlineData("fr")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("zh-CN;DROP TABLE")]
    public async Task A_language_the_product_does_not_speak_is_refused_naming_the_ones_it_does(string? culture)
    {
        var refusal = await Assert.ThrowsAsync<AppException>(() => Preferences.SetCultureAsync(new CurrentUser(Li, []), culture));

        Assert.Equal(ErrorCodes.InvalidRequest, refusal.Code);
        Assert.Contains("en, zh-CN", Assert.Single(refusal.FieldErrors!["culture"]));
        Assert.Null(await Preferences.ChosenCultureAsync(Li));
    }

    [Fact]
    public async Task At_sign_in_the_kept_language_wins_over_the_browsers()
    {
        await Preferences.SetCultureAsync(new CurrentUser(Li, []), "zh-CN");

        Assert.Equal("zh-CN", (await Preferences.AtSignInAsync(Li, "en"))?.Name);
        Assert.Equal("zh-CN", (await Preferences.ChosenCultureAsync(Li))?.Name);
    }

    [Fact]
    public async Task At_first_sign_in_the_browsers_language_is_kept_and_without_one_nothing_is()
    {
        Assert.Null(await Preferences.AtSignInAsync(Li, null));
        Assert.Null(await Preferences.ChosenCultureAsync(Li));

        Assert.Equal("zh-CN", (await Preferences.AtSignInAsync(Li, "zh-CN"))?.Name);
        Assert.Equal("zh-CN", (await Preferences.ChosenCultureAsync(Li))?.Name);
    }

    [Fact]
    public async Task Each_recipient_gets_the_mail_in_their_language_and_an_unknown_address_in_the_default()
    {
        await Preferences.SetCultureAsync(new CurrentUser(Li, []), "zh-CN");
        var args = new object?[] { "东方贸易", "91310000MA1FL0001X", 500_000m, 60 };

        foreach (var to in new[] { Li, Sally, "someone@elsewhere.test" })
        {
            await _world.Cases.NotifyAsync(to, Mails.CustomerActivated, args, "case-1", CancellationToken.None);
        }

        await _world.Db.SaveChangesAsync();
        var sent = await _world.Db.Set<OutboxMessage>().AsNoTracking().ToDictionaryAsync(m => m.To, m => m);
        Assert.Equal("东方贸易 已成为正式客户", sent[Li].Subject);
        Assert.Equal("东方贸易（91310000MA1FL0001X）已生效，信用额度 500,000.00，账期 60 天。", sent[Li].TextBody);
        Assert.Equal("东方贸易 is an active customer", sent[Sally].Subject);
        Assert.Equal("东方贸易 (91310000MA1FL0001X) is active with a credit limit of 500,000.00 on 60 days' terms.", sent[Sally].TextBody);
        Assert.Equal(sent[Sally].TextBody, sent["someone@elsewhere.test"].TextBody);
        Assert.All(sent.Values, m => Assert.Equal(Mails.CustomerActivated.Category, m.Category));
    }
}
