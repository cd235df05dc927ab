using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainEarlyWarningBaselineConfiguration : IEntityTypeConfiguration<EarlyWarningBaseline>
{
    public void Configure(EntityTypeBuilder<EarlyWarningBaseline> entity)
    {
        entity.ToTable("EarlyWarningBaselines");
        entity.HasKey(b => b.CustomerId);
        entity.HasOne<Customer>().WithMany().HasForeignKey(b => b.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}
