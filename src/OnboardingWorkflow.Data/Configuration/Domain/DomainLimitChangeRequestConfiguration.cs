using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainLimitChangeRequestConfiguration : IEntityTypeConfiguration<LimitChangeRequest>
{
    public void Configure(EntityTypeBuilder<LimitChangeRequest> entity)
    {
        entity.ToTable("LimitChangeRequests");
        entity.HasKey(r => r.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId);
        entity.HasIndex(r => new { r.CustomerId, r.Status, r.InstanceId });

        // The inbox sorted by requested amount walks this (SQLite: an index on the amount as a number instead).
        entity.HasIndex(r => new { r.RequestedLimit, r.InstanceId });

        // The task inbox finds a task's case by its instance.
        entity.HasIndex(r => r.InstanceId);
        entity.Property(r => r.Kind).HasConversion<string>().HasMaxLength(30);
        entity.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(r => r.Reason).HasMaxLength(2000);
        entity.Property(r => r.RequestedBy).HasMaxLength(256);
        entity.Property(r => r.Outcome).HasMaxLength(2000);
        entity.Property(r => r.StatementsJson).HasMaxLength(200_000);
        entity.Property(r => r.CurrentLimit).HasPrecision(18, 2);
        entity.Property(r => r.RequestedLimit).HasPrecision(18, 2);
        entity.Property(r => r.RecommendedLimit).HasPrecision(18, 2);
        entity.Property(r => r.ApprovedLimit).HasPrecision(18, 2);
    }
}
