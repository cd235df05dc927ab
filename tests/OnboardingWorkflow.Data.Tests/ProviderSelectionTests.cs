using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace OnboardingWorkflow.Data.Tests;

public sealed class ProviderSelectionTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite, typeof(SqliteOnboardingDbContext), "Microsoft.EntityFrameworkCore.Sqlite")]
    [InlineData(DatabaseProvider.SqlServer, typeof(SqlServerOnboardingDbContext), "Microsoft.EntityFrameworkCore.SqlServer")]
    [InlineData(DatabaseProvider.PostgreSql, typeof(PostgreSqlOnboardingDbContext), "Npgsql.EntityFrameworkCore.PostgreSQL")]
    public void AddOnboardingData_RegistersTheConfiguredProvidersContext(DatabaseProvider provider, Type contextType, string providerName)
    {
        using var db = Resolve(new DatabaseOptions { Provider = provider, ConnectionString = ConnectionStringFor(provider) });

        Assert.IsType(contextType, db);
        Assert.Equal(providerName, db.Database.ProviderName);
        // SqlClient rewrites the keywords; the server named is what must survive.
        Assert.Contains("selection.invalid", db.Database.GetConnectionString());
    }

    [Fact]
    public void Sqlite_WithoutConnectionString_UsesAFileInTheDataDirectory()
    {
        var directory = Path.Combine("some", "data");

        using var db = Resolve(new DatabaseOptions { Provider = DatabaseProvider.Sqlite, DataDirectory = directory });

        Assert.Equal($"Data Source={Path.Combine(directory, "onboarding.db")}", db.Database.GetConnectionString());
    }

    [Theory]
    [InlineData(DatabaseProvider.SqlServer)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public void ServerProviders_WithoutConnectionString_FailNamingTheSetting(DatabaseProvider provider)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Resolve(new DatabaseOptions { Provider = provider }));

        Assert.Contains("Database:ConnectionString", error.Message);
        Assert.Contains(provider.ToString(), error.Message);
    }

    [Fact]
    public void PostgreSql_PreparesRepeatedStatementsAutomatically_AndSkipsThePoolReset_ByDefault()
    {
        using var db = Resolve(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = "Host=selection.invalid;Database=owf;Username=u" });

        var settings = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal(DataServiceCollectionExtensions.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.Equal(DataServiceCollectionExtensions.AutoPrepareMinUsages, settings.AutoPrepareMinUsages);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal("selection.invalid", settings.Host);
    }

    [Theory]
    [InlineData("Host=h;Database=owf;No Reset On Close=false")]
    [InlineData("Host=h;Database=owf;noresetonclose=false")]
    public void PostgreSql_KeepsTheOperatorsPoolReset(string connection)
    {
        using var db = Resolve(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection });

        Assert.False(new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString()).NoResetOnClose);
    }

    [Theory]
    [InlineData("Host=h;Database=owf;Max Auto Prepare=0", 0, 2)]
    [InlineData("Host=h;Database=owf;maxautoprepare=20;Auto Prepare Min Usages=7", 20, 7)]
    [InlineData("Host=h;Database=owf;AutoPrepareMinUsages=3", 100, 3)]
    public void PostgreSql_KeepsTheOperatorsAutoPrepareSettings(string connection, int max, int minUsages)
    {
        using var db = Resolve(new DatabaseOptions { Provider = DatabaseProvider.PostgreSql, ConnectionString = connection });

        var settings = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetConnectionString());
        Assert.Equal((max, minUsages), (settings.MaxAutoPrepare, settings.AutoPrepareMinUsages));
    }

    [Fact]
    public void UnknownProvider_IsRefusedAtRegistration()
    {
        var services = new ServiceCollection();

        Assert.Throws<ArgumentOutOfRangeException>(() => services.AddOnboardingData(new DatabaseOptions { Provider = (DatabaseProvider)42 }));
    }

    [Fact]
    public void DefaultOptions_ChooseSqlite_AndMigrateOnStartup()
    {
        var options = new DatabaseOptions();

        Assert.Equal(DatabaseProvider.Sqlite, options.Provider);
        Assert.True(options.MigrateOnStartup);
    }

    private static string ConnectionStringFor(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Sqlite => "Data Source=selection.invalid.db",
        DatabaseProvider.SqlServer => "Server=selection.invalid;Database=owf;User Id=u;Password=p;TrustServerCertificate=True",
        _ => "Host=selection.invalid;Database=owf;Username=u",
    };

    // Resolving the context opens no connection, so no server is needed for any provider.
    private static OnboardingDbContext Resolve(DatabaseOptions options)
    {
        var services = new ServiceCollection().AddOnboardingData(options).BuildServiceProvider();
        return services.CreateScope().ServiceProvider.GetRequiredService<OnboardingDbContext>();
    }
}
