using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Application.Onboarding;

/// <summary>The documents each customer type must provide before review.</summary>
public static class DocumentChecklist
{
    private static readonly DocumentType[] Company = [DocumentType.BusinessLicence, DocumentType.FinancialStatements, DocumentType.BankReference];
    private static readonly DocumentType[] SoleTrader = [DocumentType.BusinessLicence, DocumentType.LegalRepresentativeId, DocumentType.BankReference];

    public static IReadOnlyList<string> CustomerTypes { get; } = ["company", "sole-trader"];

    public static IReadOnlyList<DocumentType> For(string customerType) => customerType == "sole-trader" ? SoleTrader : Company;

    public static IReadOnlyList<DocumentType> Missing(string customerType, IEnumerable<DocumentType> uploaded)
    {
        var have = uploaded.ToHashSet();
        return For(customerType).Where(t => !have.Contains(t)).ToList();
    }
}
