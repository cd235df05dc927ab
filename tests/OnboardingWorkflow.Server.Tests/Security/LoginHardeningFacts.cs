using System.Diagnostics;
using System.Net;
using System.Text.Json;
using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;
using Xunit.Abstractions;

namespace OnboardingWorkflow.Server.Tests.Security;

/// <summary>Sign-in throttling per account and per address, and failures that tell nothing about the account.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class LoginHardeningFacts(ITestOutputHelper output) : IAsyncLifetime
{
    private const int PerAccount = 3;
    private const int PerAddress = 8;
    private OnboardingServer _server = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start(new Dictionary<string, string?>
        {
            ["Security:Login:AttemptsPerAccount"] = PerAccount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Security:Login:AttemptsPerAddress"] = PerAddress.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        await _server.SeedUsersAsync();
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task One_account_is_throttled_after_its_attempts_with_retry_after_until_the_window_ends()
    {
        for (var i = 0; i < PerAccount; i++)
        {
            await Http.Problem(await SignIn.LoginAsync(_server, Users.Sally, "wrong-Pass-1!"), HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        // Even the right password waits: the limit is on attempts, not on wrong ones.
        var throttled = await SignIn.LoginAsync(_server, Users.Sally, OnboardingServer.Password);
        var problem = await Http.Problem(throttled, HttpStatusCode.TooManyRequests, "too_many_requests");
        var retryAfter = int.Parse(throttled.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(retryAfter, 1, 60);
        Assert.Contains($"{retryAfter} seconds", problem.GetProperty("detail").GetString());

        // Another account from the same address is not held up by Sally's.
        await Http.Ensure(await SignIn.LoginAsync(_server, Users.Sam, OnboardingServer.Password), HttpStatusCode.OK);

        _server.Clock.Advance(TimeSpan.FromSeconds(retryAfter));
        await Http.Ensure(await SignIn.LoginAsync(_server, Users.Sally, OnboardingServer.Password), HttpStatusCode.OK);
    }

    [Fact]
    public async Task One_address_is_throttled_after_its_attempts_whichever_accounts_it_tries()
    {
        for (var i = 0; i < PerAddress; i++)
        {
            await Http.Problem(await SignIn.LoginAsync(_server, $"guess{i}@owf.test", "whatever-1A!"), HttpStatusCode.Unauthorized, "invalid_credentials");
        }

        var throttled = await SignIn.LoginAsync(_server, Users.Mia, OnboardingServer.Password);
        await Http.Problem(throttled, HttpStatusCode.TooManyRequests, "too_many_requests");
        Assert.True(throttled.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }

    [Fact]
    public async Task Successful_sign_ins_are_not_counted()
    {
        for (var i = 0; i < PerAccount + 2; i++)
        {
            await Http.Ensure(await SignIn.LoginAsync(_server, Users.Ana, OnboardingServer.Password), HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Unknown_account_wrong_password_and_disabled_account_get_the_same_answer()
    {
        var id = await SignIn.IdOfAsync(_server, Users.Rita);
        using (var admin = await _server.As(Users.Admin))
        {
            await Http.Ensure(await admin.PostAsync($"/api/users/{id}/disable", null), HttpStatusCode.OK);
        }

        var unknown = await Answer(await SignIn.LoginAsync(_server, "nobody@owf.test", "Wrong-pass-1!"));
        var wrong = await Answer(await SignIn.LoginAsync(_server, Users.Mia, "Wrong-pass-1!"));
        var disabled = await Answer(await SignIn.LoginAsync(_server, Users.Rita, OnboardingServer.Password));
        Assert.Equal((401, "invalid_credentials", "The e-mail or password is wrong."), unknown);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, disabled);
    }

    [Theory]
    [InlineData("00:00:00.500", 0.8, 1.25)]
    [InlineData("00:00:00", 0.5, 2.0)]
    public async Task Unknown_accounts_take_as_long_to_refuse_as_wrong_passwords(string floor, double lowestRatio, double highestRatio)
    {
        // Fresh limits for this measurement only: it signs in more often than a person would.
        // Without the floor only the dummy hash evens the paths out; without that too an unknown
        // account would answer in a few milliseconds and a wrong password in hundreds.
        await using var server = OnboardingServer.Start(new Dictionary<string, string?>
        {
            ["Security:Login:AttemptsPerAccount"] = "1000", ["Security:Login:AttemptsPerAddress"] = "1000", ["Security:Login:MaxFailedAttempts"] = "100",
            ["Security:Login:FailureFloor"] = floor,
        });
        await SignIn.LoginAsync(server, "warm-up@owf.test", "Wrong-pass-1!");
        await SignIn.LoginAsync(server, Users.Admin, "Wrong-pass-1!");

        var existing = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            existing.Add(await TimeAsync(() => SignIn.LoginAsync(server, Users.Admin, "Wrong-pass-1!")));
            unknown.Add(await TimeAsync(() => SignIn.LoginAsync(server, $"nobody{i}@owf.test", "Wrong-pass-1!")));
        }

        var existingMedian = Median(existing);
        var unknownMedian = Median(unknown);
        output.WriteLine($"failure floor {floor}");
        output.WriteLine($"wrong password for an existing account: median {existingMedian:F1} ms ({string.Join(", ", existing.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        output.WriteLine($"unknown account:                        median {unknownMedian:F1} ms ({string.Join(", ", unknown.Select(t => t.ToString("F0", System.Globalization.CultureInfo.InvariantCulture)))})");
        Assert.InRange(unknownMedian / existingMedian, lowestRatio, highestRatio);
    }

    private static async Task<(int Status, string? Code, string? Detail)> Answer(HttpResponseMessage response)
    {
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return ((int)response.StatusCode, body.GetProperty("code").GetString(), body.GetProperty("detail").GetString());
    }

    private static async Task<double> TimeAsync(Func<Task<HttpResponseMessage>> login)
    {
        var watch = Stopwatch.StartNew();
        using var response = await login();
        watch.Stop();
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double Median(List<double> values) => values.Order().ElementAt(values.Count / 2);
}
