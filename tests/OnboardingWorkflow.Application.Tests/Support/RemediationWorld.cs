using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using OnboardingWorkflow.Application.Onboarding;
using OnboardingWorkflow.Application.Receivables;
using OnboardingWorkflow.Application.Remediation;
using OnboardingWorkflow.Data;
using OnboardingWorkflow.Data.Domain;
using OnboardingWorkflow.Data.Engine;
using OnboardingWorkflow.Data.Identity;
using OnboardingWorkflow.Engine.Runtime;
using OnboardingWorkflow.Testing;
using static OnboardingWorkflow.Application.Tests.Support.RemediationWorld;

namespace OnboardingWorkflow.Application.Tests.Support;

/// <summary>
/// The use cases and the engine as the server wires them, with workflows/risk-remediation.bpmn and
/// workflows/overdue-escalation.bpmn deployed and a clock the test moves (2026-11-30 10:00 UTC at
/// first). Users: mia and max (credit managers), ana (analyst), rita, rob and ron (risk committee),
/// sally (sales). Each fact makes its own customers. Remediation: grace 5 days, reminder 5 days
/// before, at most 36 instalments. The steps a fact takes are extension members of the database.
/// </summary>
public static class RemediationWorld
{
    public static readonly CurrentUser Mia = new("mia", [Roles.CreditManager]);
    public static readonly CurrentUser Max = new("max", [Roles.CreditManager]);
    public static readonly CurrentUser Ana = new("ana", [Roles.CreditAnalyst]);
    public static readonly CurrentUser Rita = new("rita", [Roles.RiskCommittee]);
    public static readonly CurrentUser Rob = new("rob", [Roles.RiskCommittee]);
    public static readonly CurrentUser Sally = new("sally", [Roles.Sales]);

    public static void AddServices(IServiceCollection services)
    {
        services.AddLogging();
        services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<OnboardingDbContext>();
        services.AddOptions<ReceivablesOptions>().Configure(o => o.Currency = "CNY");
        services.AddOptions<RemediationOptions>();
        services.AddOnboardingApplication();
        services.AddScoped(sp =>
        {
            var handlers = new HandlerRegistry();
            foreach (var handler in sp.GetServices<IOnboardingTaskHandler>())
            {
                handlers.Register(handler.Name, handler);
            }

            return new WorkflowEngine(new WorkflowEngineOptions
            {
                Definitions = new EfDefinitionStore(sp.GetRequiredService<OnboardingDbContext>()),
                Instances = new EfInstanceStore(sp.GetRequiredService<OnboardingDbContext>()),
                Clock = sp.GetRequiredService<TimeProvider>(),
                Handlers = handlers,
            });
        });
    }

    public static async Task SeedAsync(CaseDatabase database)
    {
        await using var scope = database.Scope();
        var db = scope.ServiceProvider.GetRequiredService<OnboardingDbContext>();
        var roles = new[] { Roles.CreditAnalyst, Roles.CreditManager, Roles.RiskCommittee, Roles.Sales }
            .ToDictionary(r => r, r => new IdentityRole(r) { NormalizedName = r.ToUpperInvariant() });
        db.Roles.AddRange(roles.Values);
        foreach (var user in new[] { Mia, Max, Ana, Rita, Rob, new CurrentUser("ron", [Roles.RiskCommittee]), Sally })
        {
            var row = new AppUser { UserName = user.Name, NormalizedUserName = user.Name.ToUpperInvariant(), Email = $"{user.Name}@example.com" };
            db.Users.Add(row);
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = row.Id, RoleId = roles[user.Roles[0]].Id });
        }

        await db.SaveChangesAsync();
        var engine = scope.ServiceProvider.GetRequiredService<WorkflowEngine>();
        foreach (var file in new[] { "risk-remediation.bpmn", "overdue-escalation.bpmn" })
        {
            await engine.DeployAsync(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "workflows", file)), file);
        }
    }

    public static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public static string Text(decimal amount) => amount.ToString(System.Globalization.CultureInfo.InvariantCulture);

    public static object? Plain(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.String => e.GetString(),
        System.Text.Json.JsonValueKind.Number => e.GetDecimal(),
        System.Text.Json.JsonValueKind.True => true,
        System.Text.Json.JsonValueKind.False => false,
        _ => null,
    };
}

/// <summary>The steps of a remediation fact, on either provider's world.</summary>
public static class RemediationSteps
{
    extension(CaseDatabase world)
    {
        public DateOnly Today => DateOnly.FromDateTime(world.Clock.Now.UtcDateTime);

        /// <summary>An active customer of sally's (limit 100,000, tier <paramref name="tier"/>) with one open invoice per amount, issued today and due in 30 days.</summary>
        public Task<Customer> CustomerOwingAsync(string tier = "Low", string? language = null, params decimal[] invoices) =>
            world.CustomerOwingAsync(world.Today.AddDays(30), tier, language, invoices);

        /// <summary>As above, the invoices due on <paramref name="due"/> (issued 30 days before).</summary>
        public async Task<Customer> CustomerOwingAsync(DateOnly due, string tier, string? language, params decimal[] invoices)
        {
            var (customer, profile) = TestCustomers.Build(Sally.Name, world.Clock.Now, 100_000m, world.Today.AddYears(1));
            customer.ContactEmail = "ap@customer.example";
            customer.Language = language;
            profile!.Tier = tier;
            await world.RunAsync(async s =>
            {
                var db = s.GetRequiredService<OnboardingDbContext>();
                db.AddRange(customer, profile);
                return await db.SaveChangesAsync();
            });
            if (invoices.Length > 0)
            {
                var rows = invoices.Select((amount, k) => world.Row("Invoice", customer, $"INV-{customer.RegistrationNumber}-{k}", amount, due) with { IssueDate = RemediationWorld.Iso(due.AddDays(-30)) })
                    .ToArray();
                var report = await world.ImportAsync(rows);
                Assert.Equal(0, report.Refused);
            }

            return customer;
        }

        /// <summary>A payment of <paramref name="amount"/> allocated to the customer's invoices in order, imported as the accounting system would send it.</summary>
        public async Task PayAsync(Customer customer, decimal amount)
        {
            var invoices = await world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<ReceivableItem>().AsNoTracking()
                .Where(i => i.CustomerId == customer.Id && i.Kind == ReceivableKind.Invoice && i.IsOpen).OrderBy(i => i.ExternalId).ToListAsync());
            var id = $"PAY-{Guid.NewGuid():N}"[..20];
            var rows = new List<ReceivableRowInput> { world.Row("Payment", customer, id, amount, null) };
            var left = amount;
            foreach (var invoice in invoices)
            {
                var part = Math.Min(left, Money.FromMinor(invoice.OpenMinor));
                if (part <= 0)
                {
                    break;
                }

                rows.Add(new ReceivableRowInput { Kind = "PaymentAllocation", ExternalId = id, Invoice = invoice.ExternalId, Amount = RemediationWorld.Text(part) });
                left -= part;
            }

            var report = await world.ImportAsync([.. rows]);
            Assert.Equal(0, report.Refused);
        }

        public Task<ImportReport> ImportAsync(ReceivableRowInput[] rows) =>
            world.RunAsync(s => s.GetRequiredService<ReceivablesImport>().ImportAsync(new ReceivablesBatch("json", rows), Mia, CancellationToken.None));

        public ReceivableRowInput Row(string kind, Customer customer, string id, decimal amount, DateOnly? due) => new()
        {
            Kind = kind, ExternalId = id, RegistrationNumber = customer.RegistrationNumber, Currency = "CNY", IssueDate = RemediationWorld.Iso(world.Today),
            DueDate = due is { } day ? RemediationWorld.Iso(day) : null, Amount = RemediationWorld.Text(amount),
        };

        public Task<RemediationCase> OpenAsync(Customer customer, CurrentUser? by = null) =>
            world.RunAsync(s => s.GetRequiredService<RemediationOpening>().OpenAsync(customer.Id, "collections failed", by ?? Mia, CancellationToken.None));

        public Task<RemediationCase> ProposeAsync(Customer customer, params (DateOnly Due, decimal Amount)[] plan) =>
            world.RunAsync(s => s.GetRequiredService<PaymentPlanProposal>()
                .ProposeAsync(customer.Id, plan.Select(p => new InstalmentInput(p.Due, p.Amount)).ToList(), Mia, CancellationToken.None));

        /// <summary>The open task of the customer's case at <paramref name="elementId"/> (for a committee: the member's).</summary>
        public async Task<string> TaskAsync(Customer customer, string elementId, string? assignee = null)
        {
            var instance = (await world.CaseAsync(customer)).InstanceId;
            return await world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>()
                .Where(t => t.InstanceId == instance && t.ElementId == elementId && t.Status == "Open" && (assignee == null || t.Assignee == assignee))
                .Select(t => t.Id).SingleAsync());
        }

        public async Task<List<string>> OpenTasksAsync(Customer customer)
        {
            var instance = (await world.CaseAsync(customer)).InstanceId;
            return await world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<WorkflowTaskEntity>()
                .Where(t => t.InstanceId == instance && t.Status == "Open").Select(t => t.ElementId).ToListAsync());
        }

        public async Task CompleteAsync(Customer customer, string elementId, CurrentUser user, object variables, string? assignee = null)
        {
            var taskId = await world.TaskAsync(customer, elementId, assignee);
            var values = System.Text.Json.JsonSerializer.Deserialize<Dictionary<string, object?>>(System.Text.Json.JsonSerializer.Serialize(variables))!
                .ToDictionary(kv => kv.Key, kv => kv.Value is System.Text.Json.JsonElement e ? RemediationWorld.Plain(e) : kv.Value);
            await world.RunAsync(s => s.GetRequiredService<TaskActions>().CompleteAsync(taskId, new TaskDecision(null, null, values), user, CancellationToken.None));
        }

        /// <summary>Moves the clock to <paramref name="day"/> 10:00 UTC and fires every due timer, as the timer job does.</summary>
        public async Task AdvanceToAsync(DateOnly day)
        {
            world.Clock.Now = new DateTimeOffset(day.ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero);
            while (await world.RunAsync(s => s.GetRequiredService<WorkflowEngine>().RunDueJobsAsync()) > 0)
            {
            }
        }

        public Task<RemediationCase> CaseAsync(Customer customer) =>
            world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<RemediationCase>().AsNoTracking().SingleAsync(c => c.CustomerId == customer.Id));

        public Task<RemediationView> ViewAsync(Customer customer, CurrentUser? reader = null) =>
            world.RunAsync(s => s.GetRequiredService<RemediationQueries>().CustomerAsync(reader ?? Mia, customer.Id, CancellationToken.None));

        public Task<Customer> ReloadAsync(Customer customer) =>
            world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<Customer>().AsNoTracking().SingleAsync(c => c.Id == customer.Id));

        public Task<List<CreditHold>> HoldsAsync(Customer customer) =>
            world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<CreditHold>().AsNoTracking().Where(h => h.CustomerId == customer.Id).ToListAsync());

        public Task<List<string>> AuditAsync(Customer customer, string action) =>
            world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<AuditEvent>().AsNoTracking()
                .Where(a => a.CustomerId == customer.Id && a.Action == action).OrderBy(a => a.Id).Select(a => a.Detail ?? "").ToListAsync());

        public Task<List<Data.Email.OutboxMessage>> MailsAsync(Guid instanceId) =>
            world.RunAsync(s => s.GetRequiredService<OnboardingDbContext>().Set<Data.Email.OutboxMessage>().AsNoTracking()
                .Where(m => m.CorrelationId == instanceId.ToString()).ToListAsync());
    }
}

/// <summary>The <see cref="RemediationWorld"/> on SQLite.</summary>
public sealed class SqliteRemediationWorld : SqliteCaseDatabase
{
    protected override void AddServices(IServiceCollection services) => RemediationWorld.AddServices(services);

    protected override Task SeedAsync() => RemediationWorld.SeedAsync(this);
}

/// <summary>The <see cref="RemediationWorld"/> on PostgreSQL.</summary>
public sealed class PostgreSqlRemediationWorld : PostgreSqlCaseDatabase
{
    protected override void AddServices(IServiceCollection services) => RemediationWorld.AddServices(services);

    protected override Task SeedAsync() => RemediationWorld.SeedAsync(this);
}
