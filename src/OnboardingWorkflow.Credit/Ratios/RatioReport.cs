namespace OnboardingWorkflow.Credit.Ratios;

/// <summary>All ratios of the latest year, with the warning signs a credit analyst would flag.</summary>
public sealed record RatioReport(int Year, IReadOnlyList<RatioValue> Ratios, IReadOnlyList<Reason> Signs)
{
    /// <summary>The warning signs in English.</summary>
    public IReadOnlyList<string> WarningSigns => [.. Signs.Select(s => s.Text)];

    public RatioValue this[string key] =>
        Ratios.FirstOrDefault(r => r.Key == key) ?? throw new KeyNotFoundException($"no ratio named '{key}'");

    public double? ValueOf(string key) => this[key].Value;
}
