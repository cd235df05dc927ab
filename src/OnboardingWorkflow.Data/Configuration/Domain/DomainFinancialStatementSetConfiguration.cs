using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainFinancialStatementSetConfiguration : IEntityTypeConfiguration<FinancialStatementSet>
{
    public void Configure(EntityTypeBuilder<FinancialStatementSet> entity)
    {
        entity.ToTable("FinancialStatements");
        entity.HasKey(s => s.Id);
        entity.HasOne<OnboardingApplication>().WithMany().HasForeignKey(s => s.ApplicationId);
        entity.HasIndex(s => s.ApplicationId);
        entity.Property(s => s.Currency).HasMaxLength(3);
        entity.Property(s => s.SubmittedBy).HasMaxLength(256);
    }
}
