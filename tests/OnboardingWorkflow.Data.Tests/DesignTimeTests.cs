using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.DesignTime;

namespace OnboardingWorkflow.Data.Tests;

/// <summary>What <c>dotnet ef</c> sees: one context per provider, built without any server.</summary>
public sealed class DesignTimeTests
{
    private static readonly string[] ProviderNames = ["Sqlite", "SqlServer", "PostgreSql"];

    public static TheoryData<string> Providers => [.. ProviderNames];

    [Theory]
    [MemberData(nameof(Providers))]
    public void Factory_BuildsTheProvidersContext_AndItsFullSchemaScript_WithoutAServer(string provider)
    {
        using var db = Create(provider);

        Assert.Equal($"{provider}OnboardingDbContext", db.GetType().Name);
        var script = db.Database.GenerateCreateScript();
        Assert.Contains("WorkflowInstances", script);
        Assert.Contains("AspNetUsers", script);
    }

    [Fact]
    public void EveryMigration_ExistsForEveryProvider()
    {
        var names = ProviderNames.ToDictionary(p => p, p =>
        {
            using var db = Create(p);
            return db.Database.GetMigrations().Select(id => id[(id.IndexOf('_') + 1)..]).ToList();
        });

        Assert.Equal(names["Sqlite"], names["SqlServer"]);
        Assert.Equal(names["Sqlite"], names["PostgreSql"]);
    }

    [Fact]
    public void HistoryAndAuditEntities_AreAppendOnly()
    {
        using var db = Create("Sqlite");

        var evidence = db.Model.GetEntityTypes().Select(e => e.ClrType)
            .Where(t => t.Name.Contains("History", StringComparison.Ordinal) || t.Name.Contains("Audit", StringComparison.Ordinal))
            .ToList();

        Assert.NotEmpty(evidence);
        Assert.All(evidence, t => Assert.True(typeof(IAppendOnly).IsAssignableFrom(t), $"{t.Name} keeps evidence but is not IAppendOnly."));
    }

    private static OnboardingDbContext Create(string provider) => provider switch
    {
        "Sqlite" => new SqliteDesignTimeFactory().CreateDbContext([]),
        "SqlServer" => new SqlServerDesignTimeFactory().CreateDbContext([]),
        "PostgreSql" => new PostgreSqlDesignTimeFactory().CreateDbContext([]),
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, null),
    };
}
