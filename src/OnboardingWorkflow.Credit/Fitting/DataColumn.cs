namespace OnboardingWorkflow.Credit.Fitting;

/// <summary>One column of a data set: numbers (null = missing) or text categories (null = missing).</summary>
public sealed record DataColumn(string Name, ColumnKind Kind, IReadOnlyList<double?> Numbers, IReadOnlyList<string?> Texts);

public enum ColumnKind
{
    Numeric,
    Categorical,
}
