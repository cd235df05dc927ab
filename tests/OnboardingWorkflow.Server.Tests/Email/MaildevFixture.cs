using System.Net.Http.Json;
using System.Text.Json.Serialization;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Email;

/// <summary>
/// The maildev server the e-mail tests send to. Read from ONBOARDING_TEST_SMTP_HOST,
/// ONBOARDING_TEST_SMTP_PORT and ONBOARDING_TEST_MAILDEV_API; when they are not set, the fixture
/// starts maildev with deploy/scripts/services/maildev.sh (and stops it afterwards). If neither
/// works the tests fail: they are never skipped.
/// </summary>
public sealed class MaildevFixture : IAsyncLifetime
{
    private bool _acquired;

    public string SmtpHost { get; private set; } = "";
    public int SmtpPort { get; private set; }
    public Uri Api { get; private set; } = null!;
    public HttpClient Http { get; } = new() { Timeout = TimeSpan.FromSeconds(10) };

    public async Task InitializeAsync()
    {
        var host = Environment.GetEnvironmentVariable("ONBOARDING_TEST_SMTP_HOST");
        var port = Environment.GetEnvironmentVariable("ONBOARDING_TEST_SMTP_PORT");
        var api = Environment.GetEnvironmentVariable("ONBOARDING_TEST_MAILDEV_API");
        if (string.IsNullOrEmpty(host) || string.IsNullOrEmpty(port) || string.IsNullOrEmpty(api))
        {
            var exports = await Script.AcquireAsync();
            _acquired = true;
            host = exports["ONBOARDING_TEST_SMTP_HOST"];
            port = exports["ONBOARDING_TEST_SMTP_PORT"];
            api = exports["ONBOARDING_TEST_MAILDEV_API"];
        }

        SmtpHost = host;
        SmtpPort = int.Parse(port, System.Globalization.CultureInfo.InvariantCulture);
        Api = new Uri(api.TrimEnd('/') + "/");
        using var health = await Http.GetAsync(new Uri(Api, "api/healthz"));
        health.EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_acquired)
        {
            await Script.ReleaseAsync();
        }
    }

    // Several collections may share the maildev the script started: it is stopped when the last
    // one is done, and only if the script started it (not when one was already running).
    private static readonly ScriptedService Script = new("maildev.sh", "started (pid");

    /// <summary>Every message maildev holds whose subject contains the marker.</summary>
    public async Task<IReadOnlyList<MaildevEmail>> MessagesAsync(string subjectMarker)
    {
        var all = await Http.GetFromJsonAsync<List<MaildevEmail>>(new Uri(Api, "api/email")) ?? [];
        return all.Where(m => m.Subject?.Contains(subjectMarker, StringComparison.Ordinal) == true).ToList();
    }

    /// <summary>Waits until at least <paramref name="count"/> messages with the marker arrived (maildev stores asynchronously).</summary>
    /// <summary>The message as it arrived (headers included: maildev's JSON leaves some out, such as Reply-To).</summary>
    public Task<string> SourceAsync(string id) => Http.GetStringAsync(new Uri(Api, $"api/email/{Uri.EscapeDataString(id)}/source"));

    public async Task<IReadOnlyList<MaildevEmail>> WaitForMessagesAsync(string subjectMarker, int count = 1)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var messages = await MessagesAsync(subjectMarker);
            if (messages.Count >= count || DateTime.UtcNow > deadline)
            {
                return messages;
            }

            await Task.Delay(100);
        }
    }
}

/// <summary>The fields of maildev's /api/email entries the tests read.</summary>
public sealed class MaildevEmail
{
    [JsonPropertyName("id")] public string Id { get; set; } = "";
    [JsonPropertyName("subject")] public string? Subject { get; set; }
    [JsonPropertyName("to")] public List<MaildevAddress> To { get; set; } = [];
    [JsonPropertyName("cc")] public List<MaildevAddress>? Cc { get; set; }
    [JsonPropertyName("from")] public List<MaildevAddress> From { get; set; } = [];
    [JsonPropertyName("text")] public string? Text { get; set; }
    [JsonPropertyName("messageId")] public string? MessageId { get; set; }
    [JsonPropertyName("headers")] public Dictionary<string, System.Text.Json.JsonElement>? Headers { get; set; }
}

public sealed class MaildevAddress
{
    [JsonPropertyName("address")] public string Address { get; set; } = "";
    [JsonPropertyName("name")] public string? Name { get; set; }
}

[CollectionDefinition(Name)]
public sealed class MaildevCollection : ICollectionFixture<MaildevFixture>
{
    public const string Name = "maildev";
}
