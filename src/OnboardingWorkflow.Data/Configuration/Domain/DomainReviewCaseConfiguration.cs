using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainReviewCaseConfiguration : IEntityTypeConfiguration<ReviewCase>
{
    public void Configure(EntityTypeBuilder<ReviewCase> entity)
    {
        entity.ToTable("ReviewCases");
        entity.HasKey(c => c.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(c => c.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // One case per customer and cycle whatever the retries and servers: the database decides.
        entity.HasIndex(c => new { c.CustomerId, c.DueDate }).IsUnique();
        entity.HasIndex(c => c.InstanceId).IsUnique();
        entity.HasIndex(c => new { c.Status, c.DueDate });
        entity.Property(c => c.Status).HasConversion<string>().HasMaxLength(20);
        entity.Property(c => c.Owner).HasMaxLength(256);
        entity.Property(c => c.PreviousGrade).HasMaxLength(8);
        entity.Property(c => c.PreviousTier).HasMaxLength(16);
        entity.Property(c => c.PreviousLimit).HasPrecision(18, 2);
        entity.Property(c => c.StatementsBy).HasMaxLength(256);
        entity.Property(c => c.Grade).HasMaxLength(8);
        entity.Property(c => c.Tier).HasMaxLength(16);
        entity.Property(c => c.ProposedLimit).HasPrecision(18, 2);
        entity.Property(c => c.ApprovedLimit).HasPrecision(18, 2);
        entity.Property(c => c.ApprovalLevel).HasMaxLength(20);
        entity.Property(c => c.Outcome).HasMaxLength(500);
        entity.Property(c => c.Revision).IsConcurrencyToken();
    }
}
