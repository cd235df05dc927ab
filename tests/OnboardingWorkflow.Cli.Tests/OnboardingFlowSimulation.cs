using System.Text.Json;

namespace OnboardingWorkflow.Cli.Tests;

/// <summary>
/// Runs <c>owf simulate</c> in process on <c>workflows/customer-onboarding.bpmn</c> and reads its
/// JSON-lines output: one history event per line, then the final state.
/// </summary>
internal static class OnboardingFlowSimulation
{
    public const string BusinessKey = "APP-1";

    /// <summary>The salesperson who submits the application: the maker of the case.</summary>
    public const string Maker = "sally.sales";

    /// <summary>The analyst who reviews the documents and records the findings.</summary>
    public const string Analyst = "alice.analyst";

    /// <summary>A second analyst, who approves at analyst level.</summary>
    public const string Approver = "bob.analyst";

    public const string Manager = "carol.manager";

    public static string RepositoryRoot => CliRun.RepositoryRoot;

    public static string FlowPath => Path.Combine(RepositoryRoot, "workflows", "customer-onboarding.bpmn");

    public static string LimitChangeFlowPath => Path.Combine(RepositoryRoot, "workflows", "credit-limit-change.bpmn");

    public static string EscalationFlowPath => Path.Combine(RepositoryRoot, "workflows", "overdue-escalation.bpmn");

    public static string RemediationFlowPath => Path.Combine(RepositoryRoot, "workflows", "risk-remediation.bpmn");

    /// <summary>Start variables of an application; <paramref name="requestedLimit"/> below the site-visit threshold skips the visit.</summary>
    public static string StartVariables(double requestedLimit = 50_000) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["applicationId"] = BusinessKey,
        ["maker"] = Maker,
        ["requestedLimit"] = requestedLimit,
        ["siteVisitThreshold"] = 200_000,
        ["committee"] = new[] { "ann.risk", "bob.risk", "cy.risk" },
    });

    /// <summary>The handler results of a clean application: no duplicate, not on a negative list, scored into <paramref name="approvalLevel"/>.</summary>
    public static string[] CleanHandlers(string approvalLevel = "analyst", bool knockedOut = false) =>
    [
        "--handler", """duplicateCheck={"duplicate":false}""",
        "--handler", """screening={"negativeListHit":false,"litigationCount":0,"penaltyCount":0}""",
        "--handler", "creditScoring=" + JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["scoring"] = new Dictionary<string, object>
            {
                ["knockedOut"] = knockedOut,
                ["reasons"] = knockedOut ? new[] { "on the internal black list" } : Array.Empty<string>(),
                ["score"] = knockedOut ? 410 : 642,
                ["grade"] = knockedOut ? "C" : "A",
            },
            ["approvalLevel"] = approvalLevel,
        }),
    ];

    /// <summary>A completion of <paramref name="taskId"/> by <paramref name="actor"/> with the form values in <paramref name="json"/>.</summary>
    public static string[] Complete(string taskId, string json, string actor) => ["--as", actor, "--complete", $"{taskId}={json}"];

    /// <summary>The maker uploads the documents: the task declares no fields, so the completion sends none.</summary>
    public static readonly string[] CollectDocuments = Complete("collectDocuments", "{}", Maker);

    public static readonly string[] DocumentsComplete = Complete("reviewDocuments", """{"decision":"complete"}""", Analyst);

    /// <summary>The questionnaire of a sound company, as the flat enum and boolean fields of recordFindings.</summary>
    public static readonly string[] RecordFindings = Complete("recordFindings",
        """{"managementQuality":"strong","marketPosition":"leading","industryOutlook":"positive","inBankruptcy":false,"forgedDocuments":false}""", Analyst);

    /// <summary>The steps from document collection to the end of due diligence (no site visit).</summary>
    public static readonly string[] ThroughDueDiligence = [.. CollectDocuments, .. DocumentsComplete, .. RecordFindings];

    /// <summary>Runs <c>owf simulate</c> on the onboarding flow, started by the maker with a business key and the start variables, then <paramref name="steps"/>.</summary>
    public static OnboardingFlowResult Simulate(string variablesJson, params string[][] steps) =>
        SimulateFile(FlowPath, variablesJson, steps);

    public static OnboardingFlowResult SimulateFile(string path, string variablesJson, params string[][] steps) =>
        Run(["simulate", path, "--started-by", Maker, "--business-key", BusinessKey, "--variables", variablesJson, .. steps.SelectMany(s => s)]);

    public static OnboardingFlowResult Run(string[] args)
    {
        var (exitCode, stdout, stderr) = RunRaw(args);
        return new OnboardingFlowResult(exitCode, stdout, stderr);
    }

    /// <summary>Runs any <c>owf</c> command in process and returns what it printed, unparsed.</summary>
    public static (int ExitCode, string Stdout, string Stderr) RunRaw(string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = CliApp.Run(args, stdout, stderr);
        return (exitCode, stdout.ToString(), stderr.ToString());
    }
}

/// <summary>The parsed output of one simulation.</summary>
internal sealed class OnboardingFlowResult
{
    public OnboardingFlowResult(int exitCode, string stdout, string stderr)
    {
        ExitCode = exitCode;
        Stdout = stdout;
        Stderr = stderr;
        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var parsed = lines.Select(line => JsonDocument.Parse(line).RootElement.Clone()).ToList();
        Assert.True(parsed.Count > 0, $"owf simulate printed nothing (exit {exitCode}): {stderr}");
        Final = parsed[^1];
        Refused = Final.TryGetProperty("refused", out _);
        Assert.True(Refused || Final.TryGetProperty("state", out _), $"the last line is neither the final state nor a refusal: {lines[^1]}");
        Events = parsed.Take(parsed.Count - 1).ToList();
    }

    /// <summary>A completion was refused: the last line names the task and why, instead of the final state.</summary>
    public bool Refused { get; }

    /// <summary>The refusal line: the task element, and the refused fields (contract) or the actor and reason (four eyes).</summary>
    public JsonElement Refusal => Refused ? Final : throw new Xunit.Sdk.XunitException($"No completion was refused. {Describe()}");

    public int ExitCode { get; }
    public string Stdout { get; }
    public string Stderr { get; }
    public IReadOnlyList<JsonElement> Events { get; }
    public JsonElement Final { get; }

    public string State => Refused ? "refused" : Final.GetProperty("state").GetString()!;

    public IReadOnlyList<string> OpenTasks => Final.GetProperty("openTasks").EnumerateArray().Select(e => e.GetString()!).ToList();

    public IReadOnlyList<string> WaitingElements => Final.GetProperty("waiting").EnumerateArray().Select(e => e.GetProperty("element").GetString()!).ToList();

    public IReadOnlyList<JsonElement> Incidents => Final.GetProperty("incidents").EnumerateArray().ToList();

    public JsonElement Variables => Final.GetProperty("variables");

    public JsonElement Variable(string name) =>
        Variables.TryGetProperty(name, out var value) ? value : throw new Xunit.Sdk.XunitException($"The final state has no variable '{name}'. {Describe()}");

    public bool HasVariable(string name) => Variables.TryGetProperty(name, out _);

    /// <summary>Element ids in the order their <paramref name="eventType"/> events were printed.</summary>
    public IReadOnlyList<string> ElementsWith(string eventType) =>
        Events.Where(e => e.GetProperty("event").GetString() == eventType).Select(e => e.GetProperty("element").GetString()!).ToList();

    /// <summary>The path: every completed element, in order.</summary>
    public IReadOnlyList<string> Completed => ElementsWith("completed");

    public int Count(string eventType, string elementId) => ElementsWith(eventType).Count(id => id == elementId);

    /// <summary>Every element that ran at all (was activated).</summary>
    public IReadOnlySet<string> Activated => ElementsWith("activated").ToHashSet(StringComparer.Ordinal);

    public string Describe() => Refused
        ? $"exit {ExitCode}, refused: {Final.GetRawText()}, path [{string.Join(" > ", Completed)}], stderr: {Stderr.Trim()}"
        : $"exit {ExitCode}, state {State}, open tasks [{string.Join(", ", OpenTasks)}], path [{string.Join(" > ", Completed)}], stderr: {Stderr.Trim()}";

    /// <summary>Asserts that <paramref name="expected"/> appears in the completed path in this order, one right after another.</summary>
    public void AssertPathContains(params string[] expected)
    {
        var path = Completed;
        for (var start = 0; start + expected.Length <= path.Count; start++)
        {
            if (path.Skip(start).Take(expected.Length).SequenceEqual(expected))
            {
                return;
            }
        }

        throw new Xunit.Sdk.XunitException($"The path does not contain [{string.Join(" > ", expected)}]. {Describe()}");
    }

    /// <summary>Asserts that the completed path ends with <paramref name="expected"/>.</summary>
    public void AssertPathEndsWith(params string[] expected)
    {
        var path = Completed;
        var tail = path.Skip(Math.Max(0, path.Count - expected.Length)).ToList();
        Assert.True(tail.SequenceEqual(expected), $"The path does not end with [{string.Join(" > ", expected)}]. {Describe()}");
    }
}
