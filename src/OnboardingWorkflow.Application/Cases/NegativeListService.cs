using Microsoft.EntityFrameworkCore;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>The internal negative list that screening checks: kept by credit managers and admins; every read and change is audited.</summary>
public sealed class NegativeListService(CaseFile cases)
{
    public async Task<List<NegativeListEntry>> ListAsync(CurrentUser user, CancellationToken cancellationToken)
    {
        var entries = await cases.Db.Set<NegativeListEntry>().AsNoTracking().ToListAsync(cancellationToken);
        cases.Audit(user.Name, "negative-list.read", "NegativeList", "all", detail: $"{entries.Count} entries");
        await cases.Db.SaveChangesAsync(cancellationToken);
        return entries.OrderByDescending(e => e.AddedAt).ToList();
    }

    public async Task<NegativeListEntry> AddAsync(string? registrationNumber, string? name, string? reason, CurrentUser user, CancellationToken cancellationToken)
    {
        var entry = Add(registrationNumber, name, reason, user.Name);
        await cases.Db.SaveChangesAsync(cancellationToken);
        return entry;
    }

    /// <summary>
    /// Lists a registration number, a name or both with the reason, in the caller's unit of work
    /// (nothing saved here): the rule every addition takes, a person's or a write-off's.
    /// </summary>
    public NegativeListEntry Add(string? registrationNumber, string? name, string? reason, string by)
    {
        var input = new InputRules();
        var registration = input.Text("registrationNumber", registrationNumber, 64);
        var listedName = input.Text("name", name, 300);
        var why = input.Text("reason", reason, 1000, required: true);
        if (registration is null && listedName is null)
        {
            input.Add("registrationNumber", "give a registration number, a name, or both");
        }

        input.ThrowIfAny();
        var entry = new NegativeListEntry { Id = Guid.NewGuid(), RegistrationNumber = registration, Name = listedName, Reason = why!, AddedBy = by, AddedAt = cases.Now };
        cases.Db.Set<NegativeListEntry>().Add(entry);
        cases.Audit(by, "negative-list.added", "NegativeList", entry.Id.ToString(), detail: $"{registration ?? listedName}: {entry.Reason}");
        return entry;
    }

    public async Task RemoveAsync(Guid id, CurrentUser user, CancellationToken cancellationToken)
    {
        var entry = await cases.Db.Set<NegativeListEntry>().FindAsync([id], cancellationToken) ?? throw AppException.NotFound($"Negative-list entry {id}");
        cases.Db.Set<NegativeListEntry>().Remove(entry);
        cases.Audit(user.Name, "negative-list.removed", "NegativeList", id.ToString(), detail: $"{entry.RegistrationNumber ?? entry.Name}: {entry.Reason}");
        await cases.Db.SaveChangesAsync(cancellationToken);
    }
}
