using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> entity)
    {
        entity.ToTable("Contracts");
        entity.HasKey(c => c.Id);
        entity.HasOne<OnboardingApplication>().WithMany().HasForeignKey(c => c.ApplicationId);
        entity.HasIndex(c => c.ApplicationId);
        entity.HasIndex(c => c.CustomerId);
        entity.Property(c => c.CreditLimit).HasPrecision(18, 2);
        entity.Property(c => c.Security).HasMaxLength(50);
    }
}
