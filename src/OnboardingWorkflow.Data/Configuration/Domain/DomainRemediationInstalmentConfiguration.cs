using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainRemediationInstalmentConfiguration : IEntityTypeConfiguration<RemediationInstalment>
{
    public void Configure(EntityTypeBuilder<RemediationInstalment> entity)
    {
        entity.ToTable("RemediationInstalments");
        entity.HasKey(i => i.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(i => i.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entity.HasIndex(i => new { i.CaseInstanceId, i.Number }).IsUnique();
        entity.HasIndex(i => new { i.CustomerId, i.DueDate });
        entity.Property(i => i.State).HasConversion<string>().HasMaxLength(10);
    }
}
