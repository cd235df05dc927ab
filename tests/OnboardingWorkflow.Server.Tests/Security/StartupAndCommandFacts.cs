using System.Net;
using OnboardingWorkflow.Server.Security;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>Bad Bootstrap settings stop the start with a message naming the setting; the create-user and unlock-user commands.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class StartupAndCommandFacts
{
    [Fact]
    public void A_weak_bootstrap_password_stops_the_start_naming_the_setting_and_the_rules()
    {
        var error = StartFails(new Dictionary<string, string?> { ["Bootstrap:AdminEmail"] = "first@owf.test", ["Bootstrap:AdminPassword"] = "weakpass" });
        Assert.StartsWith("Bootstrap:AdminPassword is too weak:", error.Message);
        Assert.Contains("The rules: at least 6 characters, a digit", error.Message);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void An_invalid_bootstrap_email_stops_the_start_naming_the_setting()
    {
        var error = StartFails(new Dictionary<string, string?> { ["Bootstrap:AdminEmail"] = "not-an-address", ["Bootstrap:AdminPassword"] = OnboardingServer.Password });
        Assert.Contains("Bootstrap:AdminEmail is not a valid e-mail address.", error.Message);
    }

    [Fact]
    public async Task Create_user_with_a_weak_password_or_bad_email_exits_2_with_one_line()
    {
        await using var server = OnboardingServer.Start();
        var (code, stdout, stderr) = await RunAsync((args, o, e) => ServerCommands.CreateUserAsync(server.Services, args, o, e),
            "--email", "new@owf.test", "--password", "short", "--role", "Sales");
        Assert.Equal(2, code);
        Assert.Equal("", stdout);
        var line = Assert.Single(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("create-user: --password is too weak:", line);
        Assert.Contains("The rules:", line);

        (code, _, stderr) = await RunAsync((args, o, e) => ServerCommands.CreateUserAsync(server.Services, args, o, e),
            "--email", "not-an-address", "--password", OnboardingServer.Password, "--role", "Sales");
        Assert.Equal(2, code);
        Assert.Equal("create-user: --email 'not-an-address' is not a valid e-mail address.", stderr.Trim());

        (code, stdout, _) = await RunAsync((args, o, e) => ServerCommands.CreateUserAsync(server.Services, args, o, e),
            "--email", "new@owf.test", "--password", OnboardingServer.Password, "--role", "Sales");
        Assert.Equal(0, code);
        Assert.Contains("created new@owf.test", stdout);
    }

    [Fact]
    public async Task Unlock_user_lets_a_disabled_user_sign_in_again()
    {
        await using var server = OnboardingServer.Start();
        await server.SeedUsersAsync();
        var id = await SignIn.IdOfAsync(server, Users.Sally);
        using (var admin = await server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsync($"/api/users/{id}/disable", null), HttpStatusCode.OK);
        }

        await Http.Problem(await SignIn.LoginAsync(server, Users.Sally, OnboardingServer.Password), HttpStatusCode.Unauthorized, "invalid_credentials");
        var (code, stdout, _) = await RunAsync((args, o, e) => ServerCommands.UnlockUserAsync(server.Services, args, o, e), "--email", Users.Sally);
        Assert.Equal(0, code);
        Assert.Contains("unlocked sally@owf.test", stdout);
        await Http.Ensure(await SignIn.LoginAsync(server, Users.Sally, OnboardingServer.Password), HttpStatusCode.OK);

        Assert.Equal(1, (await RunAsync((args, o, e) => ServerCommands.UnlockUserAsync(server.Services, args, o, e), "--email", "nobody@owf.test")).Code);
        Assert.Equal(2, (await RunAsync((args, o, e) => ServerCommands.UnlockUserAsync(server.Services, args, o, e), "--mail", Users.Sally)).Code);
    }

    private static StartupConfigurationException StartFails(IReadOnlyDictionary<string, string?> settings)
    {
        var thrown = Assert.ThrowsAny<Exception>(() => OnboardingServer.Start(settings));
        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is StartupConfigurationException found)
            {
                return found;
            }
        }

        throw new Xunit.Sdk.XunitException($"expected a StartupConfigurationException, got {thrown}");
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(Func<string[], TextWriter, TextWriter, Task<int>> command, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await command(args, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }
}
