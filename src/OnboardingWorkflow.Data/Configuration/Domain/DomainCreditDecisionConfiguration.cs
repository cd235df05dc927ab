using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainCreditDecisionConfiguration : IEntityTypeConfiguration<CreditDecision>
{
    public void Configure(EntityTypeBuilder<CreditDecision> entity)
    {
        entity.ToTable("CreditDecisions");
        entity.HasKey(d => d.Id);
        entity.HasOne<OnboardingApplication>().WithMany().HasForeignKey(d => d.ApplicationId);
        entity.HasIndex(d => d.ApplicationId);
        entity.HasOne<LimitChangeRequest>().WithMany().HasForeignKey(d => d.LimitChangeId);
        entity.HasIndex(d => d.LimitChangeId);
        entity.HasOne<ReviewCase>().WithMany().HasForeignKey(d => d.ReviewCaseId);
        entity.HasIndex(d => d.ReviewCaseId);
        entity.HasIndex(d => d.RemediationInstanceId);
        entity.HasIndex(d => d.CustomerId);
        entity.Property(d => d.Outcome).HasConversion<string>().HasMaxLength(30);
        entity.Property(d => d.ElementId).HasMaxLength(200);
        entity.Property(d => d.TaskId).HasMaxLength(200);
        entity.Property(d => d.Channel).HasMaxLength(20);
        entity.Property(d => d.DecidedBy).HasMaxLength(256);
        entity.Property(d => d.Comment).HasMaxLength(4000);
        entity.Property(d => d.PolicyVersion).HasMaxLength(300);
    }
}
