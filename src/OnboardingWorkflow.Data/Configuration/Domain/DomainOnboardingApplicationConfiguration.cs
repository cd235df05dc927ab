using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainOnboardingApplicationConfiguration : IEntityTypeConfiguration<OnboardingApplication>
{
    public void Configure(EntityTypeBuilder<OnboardingApplication> entity)
    {
        entity.ToTable("Applications");
        entity.HasKey(a => a.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(a => a.CustomerId);

        // With the instance: a customer's cases lead to their tasks from the index alone (inbox search).
        entity.HasIndex(a => new { a.CustomerId, a.InstanceId });
        entity.HasIndex(a => a.Maker);
        entity.HasIndex(a => a.InstanceId);

        // The inbox sorted by requested amount walks this (SQLite: an index on the amount as a number instead).
        entity.HasIndex(a => new { a.RequestedLimit, a.InstanceId });
        entity.HasIndex(a => a.Status);
        entity.Property(a => a.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(a => a.Stage).HasConversion<string>().HasMaxLength(30);
        entity.Property(a => a.CustomerType).HasMaxLength(50);
        entity.Property(a => a.Maker).HasMaxLength(256);
        entity.Property(a => a.Outcome).HasMaxLength(1000);
        entity.Property(a => a.RequestedLimit).HasPrecision(18, 2);
        entity.Property(a => a.ExpectedMonthlyPurchases).HasPrecision(18, 2);
        entity.Property(a => a.RecommendedLimit).HasPrecision(18, 2);
        entity.Property(a => a.ApprovedLimit).HasPrecision(18, 2);
    }
}
