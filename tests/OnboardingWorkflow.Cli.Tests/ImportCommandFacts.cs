using OnboardingWorkflow.Cli.Commands;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>The usage of <c>owf import</c>; its conversation with a server is in the server's tests (Cli/ImportReceivablesCommandFacts).</summary>
public sealed class ImportCommandFacts
{
    [Theory]
    [InlineData(new[] { "invoices", "f.csv", "--server", "http://x", "--user", "u" }, "cannot import 'invoices'; only receivables")]
    [InlineData(new[] { "--server", "http://x" }, "say what to import: receivables")]
    [InlineData(new[] { "receivables", "--server", "http://x", "--user", "u" }, "the CSV file to import is missing")]
    [InlineData(new[] { "receivables", "f.csv", "--user", "u" }, "--server URL is required")]
    [InlineData(new[] { "receivables", "f.csv", "--server", "ftp://x", "--user", "u" }, "--server needs an http or https URL, not 'ftp://x'")]
    [InlineData(new[] { "receivables", "f.csv", "g.csv", "--server", "http://x" }, "one file at a time")]
    [InlineData(new[] { "receivables", "f.csv", "--server", "http://x", "--password", "secret" }, "a password is never taken on the command line: set OWF_PASSWORD")]
    [InlineData(new[] { "receivables", "f.csv", "--server", "http://x", "--user", "u", "--dry-run" }, "unknown option '--dry-run'")]
    public void Bad_arguments_are_usage_errors_that_say_what_to_fix(string[] args, string message)
    {
        var run = CliRun.Of(["import", .. args]);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains($"owf import: {message}", run.Stderr);
        Assert.Contains("usage: owf import receivables FILE.csv --server URL [--user EMAIL]", run.Stderr);
    }

    [Fact]
    public void Without_the_password_variable_nothing_is_sent()
    {
        var command = new ImportCommand(_ => null);

        var refusal = Assert.Throws<UsageException>(() => command.Run(["receivables", "f.csv", "--server", "http://127.0.0.1:9", "--user", "u"], TextWriter.Null, TextWriter.Null));

        Assert.Contains("OWF_PASSWORD", refusal.Message);
    }

    [Fact]
    public void A_missing_file_is_named()
    {
        var (stdout, stderr) = (new StringWriter(), new StringWriter());
        var code = new ImportCommand(_ => "pw").Run(["receivables", "no-such.csv", "--server", "http://127.0.0.1:9", "--user", "u"], stdout, stderr);

        Assert.Equal(ExitCodes.Failed, code);
        Assert.Equal("owf import: no-such.csv does not exist", stderr.ToString().Trim());
    }

    [Fact]
    public void Help_lists_the_command()
    {
        var run = CliRun.Of("--help");

        Assert.Contains("owf import receivables FILE.csv --server URL [--user EMAIL]", run.Stdout);
    }
}
