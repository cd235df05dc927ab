using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Engine.Stores;

namespace OnboardingWorkflow.Data.Engine;

/// <summary>Definition versions in the database.</summary>
public sealed class EfDefinitionStore(OnboardingDbContext db) : IDefinitionStore
{
    private IQueryable<WorkflowDefinitionEntity> Definitions => db.Set<WorkflowDefinitionEntity>().AsNoTracking();

    public async Task<DeployedDefinition?> FindLatestAsync(string key, CancellationToken cancellationToken = default) =>
        ToModel(await Definitions.Where(d => d.Key == key).OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken));

    // Every start asks for the latest version (see CompiledQuery).
    private static readonly CompiledQuery<Func<OnboardingDbContext, string, CancellationToken, Task<int?>>> LatestVersion = new(() =>
        EF.CompileAsyncQuery((OnboardingDbContext db, string key, CancellationToken _) =>
            db.Set<WorkflowDefinitionEntity>().Where(d => d.Key == key).Max(d => (int?)d.Version)));

    public Task<int?> FindLatestVersionAsync(string key, CancellationToken cancellationToken = default) => LatestVersion.For(db)(db, key, cancellationToken);

    public async Task<DeployedDefinition?> FindAsync(string key, int version, CancellationToken cancellationToken = default) =>
        ToModel(await Definitions.FirstOrDefaultAsync(d => d.Key == key && d.Version == version, cancellationToken));

    public async Task<IReadOnlyList<DeployedDefinition>> ListLatestAsync(CancellationToken cancellationToken = default)
    {
        var latest = await Definitions
            .Where(d => d.Version == Definitions.Where(o => o.Key == d.Key).Max(o => o.Version))
            .OrderBy(d => d.Key)
            .ToListAsync(cancellationToken);
        return latest.Select(d => ToModel(d)!).ToList();
    }

    public async Task AddAsync(DeployedDefinition definition, CancellationToken cancellationToken = default)
    {
        var entity = new WorkflowDefinitionEntity
        {
            Key = definition.Key,
            Version = definition.Version,
            Name = definition.Name,
            Xml = definition.Xml,
            Hash = definition.Hash,
            DeployedAt = definition.DeployedAt,
            ResourceName = definition.ResourceName,
        };
        db.Add(entity);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException ex)
        {
            db.Entry(entity).State = EntityState.Detached;
            throw new ConcurrencyException($"Version {definition.Version} of '{definition.Key}' was deployed by someone else first: {ex.InnerException?.Message ?? ex.Message}");
        }
    }

    private static DeployedDefinition? ToModel(WorkflowDefinitionEntity? entity) => entity is null
        ? null
        : new DeployedDefinition(entity.Key, entity.Version, entity.Name, entity.Xml, entity.Hash, entity.DeployedAt, entity.ResourceName);
}
