namespace OnboardingWorkflow.Credit.Ratios;

/// <summary>One ratio: either a finite value or the reason it could not be computed; never NaN or infinity.</summary>
public sealed record RatioValue(string Key, RatioGroup Group, double? Value, string? NotComputableReason)
{
    public bool IsComputable => Value is not null;

    public static RatioValue Of(string key, RatioGroup group, double value) =>
        double.IsFinite(value)
            ? new(key, group, value, null)
            : new(key, group, null, "the result is not a finite number");

    public static RatioValue NotComputable(string key, RatioGroup group, string reason) => new(key, group, null, reason);
}
