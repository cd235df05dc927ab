using OnboardingWorkflow.Credit;
using OnboardingWorkflow.Credit.Assessment;
using OnboardingWorkflow.Credit.Policies;

namespace OnboardingWorkflow.Cli.Commands;

/// <summary><c>owf score</c>: assesses one application and prints the full, explained result as JSON.</summary>
public sealed class ScoreCommand : ICliCommand
{
    public string Name => "score";

    public string Usage => "score --input APPLICATION.json [--policy SCORECARD.json]";

    public string Summary => "Score an application: ratios, Altman Z, points, score, PD, grade, tier, limit and required approvals as JSON.";

    public int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        string? input = null;
        string? policyPath = null;
        var reader = new ArgReader(args);
        while (reader.HasMore)
        {
            var (option, inline) = ArgReader.SplitOption(reader.Next());
            switch (option)
            {
                case "--input":
                    input = inline ?? reader.ValueOf(option);
                    break;
                case "--policy":
                    policyPath = inline ?? reader.ValueOf(option);
                    break;
                default:
                    throw new UsageException($"unknown argument '{option}'");
            }
        }

        if (input is null)
        {
            throw new UsageException("--input is required");
        }

        try
        {
            var policies = DefaultPolicies.All();
            if (policyPath is not null)
            {
                policies = policies with { Scorecard = PolicyDocuments.Scorecard(ReadFile(policyPath, "policy"), Path.GetFileName(policyPath)) };
            }

            var application = CreditJson.Deserialize<CreditApplication>(ReadFile(input, "input"), Path.GetFileName(input));
            var assessment = CreditAssessor.Assess(application, policies);
            stdout.WriteLine(CreditJson.Serialize(assessment));
            return ExitCodes.Ok;
        }
        catch (CreditInputException ex)
        {
            stderr.WriteLine($"owf score: {input} is not a valid application:");
            foreach (var error in ex.Errors)
            {
                stderr.WriteLine($"  {error.Field}: {error.Message}");
            }

            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is PolicyFormatException or FileNotFoundException or DirectoryNotFoundException or IOException)
        {
            stderr.WriteLine($"owf score: {ex.Message}");
            return ExitCodes.Failed;
        }
    }

    private static string ReadFile(string path, string what) =>
        File.Exists(path) ? File.ReadAllText(path) : throw new FileNotFoundException($"{what} file '{path}' does not exist");
}
