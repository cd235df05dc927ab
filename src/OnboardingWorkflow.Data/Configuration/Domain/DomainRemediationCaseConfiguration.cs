using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainRemediationCaseConfiguration : IEntityTypeConfiguration<RemediationCase>
{
    public void Configure(EntityTypeBuilder<RemediationCase> entity)
    {
        entity.ToTable("RemediationCases");
        entity.HasKey(c => c.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // One case per customer whatever the retries: the database decides, not a check before the insert.
        entity.HasIndex(c => c.CustomerId).IsUnique();
        entity.HasIndex(c => c.InstanceId).IsUnique();
        entity.HasIndex(c => new { c.Stage, c.CustomerId });
        entity.Ignore(c => c.IsOpen);
        entity.Ignore(c => c.PlanTotalMinor);
        entity.Property(c => c.Stage).HasConversion<string>().HasMaxLength(20);
        entity.Property(c => c.StatusBefore).HasConversion<string>().HasMaxLength(20);
        entity.Property(c => c.Option).HasConversion<string>().HasMaxLength(20);
        entity.Property(c => c.Outcome).HasConversion<string>().HasMaxLength(20);
        entity.Property(c => c.Currency).HasMaxLength(3);
        entity.Property(c => c.OpenedBy).HasMaxLength(256);
        entity.Property(c => c.ProposedBy).HasMaxLength(256);
        entity.Property(c => c.Reason).HasMaxLength(1000);
        entity.Property(c => c.ProposedPlanJson).HasMaxLength(8000);
        entity.Property(c => c.LegalReference).HasMaxLength(200);
        entity.Property(c => c.ClosedReason).HasMaxLength(500);
        entity.Property(c => c.Revision).IsConcurrencyToken();
    }
}
