using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.SqlServer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OnboardingWorkflow.Application.Workflow;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Server.Operations;

namespace OnboardingWorkflow.Server.Jobs;

/// <summary>Hangfire: storage by database provider, the in-process server, recurring jobs and the dashboard.</summary>
public static class JobsExtensions
{
    public const string DashboardPath = "/hangfire";

    public static WebApplicationBuilder AddOnboardingJobs(this WebApplicationBuilder builder)
    {
        builder.Services.AddSection<JobsOptions>(builder.Configuration, JobsOptions.Section);
        var jobs = ConfigurationSections.Read<JobsOptions>(builder.Configuration, JobsOptions.Section);
        var database = ConfigurationSections.Read<DatabaseOptions>(builder.Configuration, DatabaseOptions.Section);

        // The storage is this application's own service, made before Hangfire's registration looks for
        // one: Hangfire would otherwise hand every application in the process its global storage, and
        // a second application (several servers in one test run) would get the first one's, disposed
        // with it.
        builder.Services.AddSingleton(_ => CreateStorage(database, jobs));
        builder.Services.AddHangfire((services, config) =>
        {
            HangfireLogBridge.Attach(services.GetRequiredService<ILoggerFactory>());
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
                .UseSimpleAssemblyNameTypeSerializer()
                .UseRecommendedSerializerSettings()
                .UseLogProvider(HangfireLogBridge.Instance);
        });
        builder.Services.AddSingleton<IMigrationBatchQueue, HangfireMigrationBatchQueue>();
        builder.Services.AddTransient<WorkflowMigrationJob>();

        if (jobs.Enabled)
        {
            builder.Services.AddHangfireServer(server =>
            {
                server.WorkerCount = jobs.WorkerCount;
                // Seconds-level schedules need the scheduler to look often; a database storage is
                // asked less often to keep its load down.
                server.SchedulePollingInterval = database.Provider == DatabaseProvider.Sqlite ? TimeSpan.FromSeconds(1) : TimeSpan.FromSeconds(5);
            });
        }

        return builder;
    }

    /// <summary>Schedules (or removes) the recurring jobs and maps the Admin-only dashboard.</summary>
    public static WebApplication MapOnboardingJobs(this WebApplication app)
    {
        var jobs = app.Services.GetRequiredService<IOptions<JobsOptions>>().Value;
        var loggers = app.Services.GetRequiredService<ILoggerFactory>();
        app.Lifetime.ApplicationStopped.Register(() => HangfireLogBridge.Detach(loggers));
        if (jobs.Enabled)
        {
            var recurring = app.Services.GetRequiredService<IRecurringJobManager>();
            Schedule<WorkflowTimersJob>(recurring, WorkflowTimersJob.Id, jobs.WorkflowTimers, jobs.WorkflowTimersCron, job => job.RunAsync(CancellationToken.None));
            Schedule<EmailOutboxJob>(recurring, EmailOutboxJob.Id, jobs.EmailOutbox, jobs.EmailOutboxCron, job => job.RunAsync(CancellationToken.None));
            Schedule<EmailRepliesJob>(recurring, EmailRepliesJob.Id, jobs.EmailReplies, jobs.EmailRepliesCron, job => job.RunAsync(CancellationToken.None));
            Schedule<OverdueEscalationJob>(recurring, OverdueEscalationJob.Id, jobs.OverdueEscalation, jobs.OverdueEscalationCron,
                job => job.RunAsync(CancellationToken.None));
            Schedule<PeriodicReviewJob>(recurring, PeriodicReviewJob.Id, jobs.PeriodicReview, jobs.PeriodicReviewCron, job => job.RunAsync(CancellationToken.None));
            Schedule<EarlyWarningJob>(recurring, EarlyWarningJob.Id, jobs.EarlyWarning, jobs.EarlyWarningCron, job => job.RunAsync(CancellationToken.None));
            Schedule<TaskMailJob>(recurring, TaskMailJob.Id, jobs.TaskMail, jobs.TaskMailCron, job => job.RunAsync(CancellationToken.None));
            Schedule<TaskDigestJob>(recurring, TaskDigestJob.Id, jobs.TaskDigest, jobs.TaskDigestCron, job => job.RunAsync(CancellationToken.None));
            app.Lifetime.ApplicationStarted.Register(() =>
            {
                try
                {
                    var resumed = WorkflowMigrationJob.ResumeUnfinishedAsync(app.Services, CancellationToken.None).GetAwaiter().GetResult();
                    if (resumed > 0)
                    {
                        app.Logger.LogInformation("{Job}: queued {Count} unfinished migration batch(es) again", WorkflowMigrationJob.Id, resumed);
                    }
                }
                catch (Exception ex)
                {
                    // The batches stay as they are; the next server start tries again.
                    app.Logger.LogError(ex, "{Job}: could not queue unfinished migration batches again", WorkflowMigrationJob.Id);
                }
            });
        }

        app.MapHangfireDashboard(DashboardPath, new DashboardOptions
        {
            // The default filter admits any local request; only the Admin role may enter.
            Authorization = [],
            AsyncAuthorization = [new AdminDashboardAuthorizationFilter()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "Onboarding jobs",
            AppPath = "/",
        })
        // The endpoint states its own rule, so a deny-by-default fallback policy does not hide it
        // from admins; the dashboard filter checks the role again on every request.
        .RequireAuthorization(new AuthorizeAttribute { Roles = Roles.Admin });
        return app;
    }

    private static void Schedule<TJob>(IRecurringJobManager recurring, string id, bool enabled, string cron, System.Linq.Expressions.Expression<Func<TJob, Task>> call)
    {
        if (enabled)
        {
            recurring.AddOrUpdate(id, call, cron, new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
        }
        else
        {
            recurring.RemoveIfExists(id);
        }
    }

    /// <summary>
    /// Hangfire's storage. Its schema is created or upgraded here only when the server may alter the
    /// schema (Database:MigrateOnStartup); otherwise the <c>migrate</c> command does it.
    /// </summary>
    public static JobStorage CreateStorage(DatabaseOptions database, JobsOptions jobs) => CreateStorage(database, jobs, database.MigrateOnStartup);

    public static JobStorage CreateStorage(DatabaseOptions database, JobsOptions jobs, bool prepareSchema) => database.Provider switch
    {
        // No SQLite storage for Hangfire: schedules live in memory, and the work itself (due timers,
        // outbox rows) is in the database, so a restart loses nothing.
        DatabaseProvider.Sqlite => new InMemoryStorage(),
        DatabaseProvider.SqlServer => new SqlServerStorage(Required(database), new SqlServerStorageOptions { PrepareSchemaIfNecessary = prepareSchema }),
        DatabaseProvider.PostgreSql => PostgreSqlStorageOf(Required(database), jobs.LockTimeout, prepareSchema),
        _ => throw new ArgumentOutOfRangeException(nameof(database), database.Provider, "Unknown database provider."),
    };

    private static PostgreSqlStorage PostgreSqlStorageOf(string connectionString, TimeSpan lockTimeout, bool prepareSchema)
    {
        var options = new PostgreSqlStorageOptions { PrepareSchemaIfNecessary = prepareSchema, DistributedLockTimeout = lockTimeout };
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(connectionString, options), options);
    }

    private static string Required(DatabaseOptions database) =>
        database.ConnectionString ?? throw new InvalidOperationException($"Database:ConnectionString is required for Hangfire storage on {database.Provider}.");
}
