using OnboardingWorkflow.Testing;
using OnboardingWorkflow.Server.Tests.Jobs;

namespace OnboardingWorkflow.Server.Tests.Api;

/// <summary>The onboarding flow on the embedded default database.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class OnboardingFlowOnSqliteFacts : OnboardingFlowFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());
}

/// <summary>The same flow on a real PostgreSQL server started by the test command.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class OnboardingFlowOnPostgreSqlFacts : OnboardingFlowFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}

/// <summary>Maker-checker, concurrency and bad input on the embedded default database.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class RulesAndBadInputOnSqliteFacts : RulesAndBadInputFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => Task.FromResult(OnboardingServer.Start());
}

/// <summary>Maker-checker, concurrency and bad input on PostgreSQL.</summary>
[Collection(HangfireHostCollection.Name)]
public sealed class RulesAndBadInputOnPostgreSqlFacts : RulesAndBadInputFacts
{
    protected override Task<OnboardingServer> StartServerAsync() => OnboardingServer.StartOnPostgreSqlAsync();
}
