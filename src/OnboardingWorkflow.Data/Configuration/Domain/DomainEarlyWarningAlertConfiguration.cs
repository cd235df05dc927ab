using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainEarlyWarningAlertConfiguration : IEntityTypeConfiguration<EarlyWarningAlert>
{
    public void Configure(EntityTypeBuilder<EarlyWarningAlert> entity)
    {
        entity.ToTable("EarlyWarningAlerts");
        entity.HasKey(a => a.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(a => a.Indicator).HasMaxLength(40);
        entity.Property(a => a.Level).HasMaxLength(20);
        entity.Property(a => a.Action).HasMaxLength(20);
        entity.Property(a => a.Direction).HasMaxLength(20);
        entity.Property(a => a.Explanation).HasMaxLength(500);
        entity.Property(a => a.EvidenceJson).HasMaxLength(8000);
        entity.Property(a => a.PolicyVersion).HasMaxLength(200);
        entity.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(a => a.AcknowledgedBy).HasMaxLength(256);
        entity.Property(a => a.AcknowledgeComment).HasMaxLength(2000);
        entity.Property(a => a.Revision).IsConcurrencyToken();

        // One alert per customer, indicator and day; also the job's look-up of a batch's recent alerts.
        entity.HasIndex(a => new { a.CustomerId, a.Indicator, a.RaisedOn }).IsUnique();

        // The alert list by status, newest first.
        entity.HasIndex(a => new { a.Status, a.RaisedAt, a.Id });
    }
}
