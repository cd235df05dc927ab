using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Tasks;

/// <summary>A saved inbox filter as its owner sees it.</summary>
public sealed record SavedFilterView(Guid Id, string Name, InboxQuery Query, DateTimeOffset CreatedAt);

/// <summary>
/// Inbox filters a user keeps by name. Each user sees and deletes only their own, and keeps at
/// most <see cref="MaxPerUser"/>; saving under an existing name replaces that filter. The query
/// is checked like any inbox query before it is stored, so a saved filter always runs.
/// </summary>
public sealed class SavedTaskFilters(CaseFile cases)
{
    public const int MaxPerUser = 20;
    public const int MaxNameLength = 60;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public async Task<SavedFilterView> SaveAsync(CurrentUser user, string? name, InboxQuery query, CancellationToken cancellationToken)
    {
        var input = new InputRules();
        var text = input.Text("name", name, MaxNameLength, required: true);
        input.ThrowIfAny();

        // Re-checked here too: the record can be built without Create.
        query = InboxQuery.Create(query.Filter, query.Group, query.Search, query.Sort, query.Descending, query.Page, query.PageSize) with { OnlyOverdue = query.OnlyOverdue };
        var filters = cases.Db.Set<SavedTaskFilter>();
        var existing = await filters.FirstOrDefaultAsync(f => f.UserName == user.Name && f.Name == text, cancellationToken);
        if (existing is null)
        {
            if (await filters.CountAsync(f => f.UserName == user.Name, cancellationToken) >= MaxPerUser)
            {
                throw AppException.Conflict(ErrorCodes.SavedFilterLimit, $"{user.Name} keeps {MaxPerUser} saved filters already; delete one first.");
            }

            existing = new SavedTaskFilter { Id = Guid.CreateVersion7(), UserName = user.Name, Name = text!, QueryJson = "", CreatedAt = cases.Now };
            filters.Add(existing);
        }

        existing.QueryJson = JsonSerializer.Serialize(query, Json);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return View(existing);
    }

    public async Task<IReadOnlyList<SavedFilterView>> ListAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        var rows = await cases.Db.Set<SavedTaskFilter>().AsNoTracking().Where(f => f.UserName == user.Name)
            .OrderBy(f => f.Name).ToListAsync(cancellationToken);
        return rows.Select(View).ToList();
    }

    public async Task DeleteAsync(CurrentUser user, Guid id, CancellationToken cancellationToken)
    {
        var deleted = await cases.Db.Set<SavedTaskFilter>().Where(f => f.Id == id && f.UserName == user.Name).ExecuteDeleteAsync(cancellationToken);
        if (deleted == 0)
        {
            throw AppException.NotFound($"Saved filter {id}");
        }
    }

    private static SavedFilterView View(SavedTaskFilter row) =>
        new(row.Id, row.Name, JsonSerializer.Deserialize<InboxQuery>(row.QueryJson, Json) ?? new InboxQuery(), row.CreatedAt);
}
