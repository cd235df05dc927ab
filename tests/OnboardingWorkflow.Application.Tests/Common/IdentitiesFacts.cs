using OnboardingWorkflow.Credit.Authority;
using OnboardingWorkflow.Engine.Runtime;

namespace OnboardingWorkflow.Application.Tests.Common;

/// <summary>One identity comparison: the application layer, the engine's four-eyes rule and the authority matrix agree on every pair.</summary>
public sealed class IdentitiesFacts
{
    public static TheoryData<string?, string?, bool> Pairs => new()
    {
        { "ana@owf.test", "ana@owf.test", true },
        { "Ana@OWF.test", "ana@owf.test", true },
        { " ana@owf.test ", "ana@owf.test", true },
        { "ana@owf.test", "alan@owf.test", false },
        { "ana@owf.test", null, false },
        { "", "", false },
        { "  ", " ", false },
        { "İ@owf.test", "i@owf.test", false },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public void Every_layer_compares_people_the_same_way(string? a, string? b, bool same)
    {
        Assert.Equal(same, Identities.Same(a, b));
        Assert.Equal(same, Actors.Same(a, b));
        Assert.Equal(same, UserIds.Same(a, b));
    }
}
