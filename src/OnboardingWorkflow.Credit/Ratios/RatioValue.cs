namespace OnboardingWorkflow.Credit.Ratios;

/// <summary>One ratio: either a finite value or the reason it could not be computed; never NaN or infinity.</summary>
public sealed record RatioValue(string Key, RatioGroup Group, double? Value, Reason? Why)
{
    public bool IsComputable => Value is not null;

    /// <summary>Why the ratio has no value, in English; null when it has one.</summary>
    public string? NotComputableReason => Why?.Text;

    public static RatioValue Of(string key, RatioGroup group, double value) =>
        double.IsFinite(value)
            ? new(key, group, value, null)
            : new(key, group, null, Reason.Of(Reason.NotFinite));

    public static RatioValue NotComputable(string key, RatioGroup group, Reason why) => new(key, group, null, why);
}
