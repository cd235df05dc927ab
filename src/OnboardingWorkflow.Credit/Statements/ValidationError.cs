namespace OnboardingWorkflow.Credit.Statements;

/// <summary>One input mistake, with the path of the field at fault (for example <c>years[0].totalAssets</c>).</summary>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
