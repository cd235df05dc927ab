extern alias cli;

using cli::OnboardingWorkflow.Cli.Commands;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Server.Tests.Jobs;
using OnboardingWorkflow.Testing;

namespace OnboardingWorkflow.Server.Tests.Cli;

/// <summary><c>owf import receivables</c> against a real server: it signs in, posts the CSV and prints the server's report per row.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class ImportReceivablesCommandFacts : IAsyncLifetime
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"owf-receivables-{Guid.NewGuid():N}.csv");
    private OnboardingServer _server = null!;
    private Customer _customer = null!;

    public async Task InitializeAsync()
    {
        _server = OnboardingServer.Start();
        await _server.SeedUsersAsync();
        _customer = await ReceivablesCustomers.AddAsync(_server, limit: 50_000m);
    }

    public async Task DisposeAsync()
    {
        File.Delete(_file);
        await _server.DisposeAsync();
    }

    private (int Code, string Stdout, string Stderr) Run(string user, string password = OnboardingServer.Password, string? server = null)
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var command = new ImportCommand(name => name == ImportCommand.PasswordVariable ? password : null);
        var code = command.Run(["receivables", _file, "--server", server ?? _server.BaseAddress.ToString(), "--user", user], stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    private void Write(params string[] rows) =>
        File.WriteAllText(_file, string.Join("\n", ["kind,externalId,registrationNumber,currency,issueDate,dueDate,amount,invoice,status", .. rows]) + "\n");

    [Fact]
    public void The_report_has_a_line_per_row_and_a_second_run_changes_nothing()
    {
        var reg = _customer.RegistrationNumber;
        Write($"Invoice,INV-9,{reg},CNY,2026-02-01,2026-03-03,500,,", $"Invoice,INV-10,{reg},CNY,2026-02-01,2026-02-31,500,,");

        var first = Run(Users.Mia);
        Write($"Invoice,INV-9,{reg},CNY,2026-02-01,2026-03-03,500,,", $"Invoice,INV-10,{reg},CNY,2026-02-01,2026-02-28,500,,");
        var second = Run(Users.Mia);

        Assert.Equal(ExitCodes.Refused, first.Code);
        Assert.Equal(
            ["row 1: accepted Invoice INV-9: created",
             "row 2: refused Invoice INV-10: invalid_row: dueDate: must be a date as yyyy-MM-dd, not '2026-02-31'",
             "2 rows: 1 accepted, 0 unchanged, 1 refused"],
            first.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r')));
        Assert.Equal((ExitCodes.Ok, ""), (second.Code, second.Stderr));
        Assert.Contains("row 1: unchanged Invoice INV-9: already on file as sent", second.Stdout);
        Assert.Contains("2 rows: 1 accepted, 1 unchanged, 0 refused", second.Stdout);
    }

    [Fact]
    public void A_refused_sign_in_a_forbidden_user_and_an_absent_server_end_with_one_line()
    {
        Write($"Order,O-1,{_customer.RegistrationNumber},CNY,2026-02-01,,10,,Open");

        var wrongPassword = Run(Users.Mia, password: "not-the-password");
        var sales = Run(Users.Sally);
        var absent = Run(Users.Mia, server: "http://127.0.0.1:9");

        Assert.Equal(ExitCodes.Failed, wrongPassword.Code);
        Assert.Contains("answered 401 invalid_credentials", wrongPassword.Stderr);
        Assert.Equal(ExitCodes.Failed, sales.Code);
        Assert.Contains("answered 403 forbidden", sales.Stderr);
        Assert.Equal(ExitCodes.Failed, absent.Code);
        Assert.StartsWith("owf import: cannot reach http://127.0.0.1:9/", absent.Stderr);
        Assert.All([wrongPassword, sales, absent], r => Assert.Single(r.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries)));
    }
}
