using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainDunningCaseConfiguration : IEntityTypeConfiguration<DunningCase>
{
    public void Configure(EntityTypeBuilder<DunningCase> entity)
    {
        entity.ToTable("DunningCases");
        entity.HasKey(c => c.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // One case per customer whatever the retries: the database decides, not a check before the insert.
        entity.HasIndex(c => c.CustomerId).IsUnique();
        entity.HasIndex(c => c.InstanceId).IsUnique();
        entity.HasIndex(c => new { c.Status, c.CustomerId });
        entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(c => c.ClosedReason).HasMaxLength(500);
        entity.Property(c => c.PromisedBy).HasMaxLength(256);
        entity.Property(c => c.Revision).IsConcurrencyToken();
    }
}
