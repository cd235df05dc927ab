using OnboardingWorkflow.Application.Access;

namespace OnboardingWorkflow.Application.Cases;

/// <summary>The language letters to a customer are written in: set, or the configured default.</summary>
public sealed record CustomerLanguageView(Guid CustomerId, string? Language);

/// <summary>
/// The language of a customer's letters (dunning letters, hold and release notices): one of the
/// product's languages (en, zh-CN). The account's salesperson (their own accounts only: others'
/// are not found), credit managers and admins set it; every change is audited with before and after.
/// </summary>
public sealed class CustomerLanguage(CaseFile cases, CaseAccess access)
{
    public async Task<CustomerLanguageView> GetAsync(CurrentUser user, Guid customerId, CancellationToken cancellationToken)
    {
        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        return new CustomerLanguageView(customer.Id, customer.Language);
    }

    public async Task<CustomerLanguageView> SetAsync(Guid customerId, string? language, CurrentUser user, CancellationToken cancellationToken)
    {
        if (!Policies.Allows(Policies.LanguageEditors, user))
        {
            throw AppException.Forbidden("A customer's language is set by the account's salesperson, a credit manager or an admin.");
        }

        var culture = Languages.Find(language?.Trim());
        if (culture is null)
        {
            throw AppException.InvalidField("language", $"must be one of {Languages.Names}");
        }

        var customer = await access.CustomerAsync(user, customerId, cancellationToken);
        if (customer.Language != culture.Name)
        {
            cases.Audit(user.Name, "customer.language-changed", "Customer", customer.Id.ToString(), customer.Id,
                $"{customer.Language ?? "default"} -> {culture.Name}");
            customer.Language = culture.Name;
            await cases.Db.SaveChangesAsync(cancellationToken);
        }

        return new CustomerLanguageView(customer.Id, customer.Language);
    }
}
