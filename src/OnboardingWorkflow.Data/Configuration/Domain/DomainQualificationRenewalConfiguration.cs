using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainQualificationRenewalConfiguration : IEntityTypeConfiguration<QualificationRenewal>
{
    public void Configure(EntityTypeBuilder<QualificationRenewal> entity)
    {
        entity.ToTable("QualificationRenewals");
        entity.HasKey(r => r.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(r => r.CustomerId).OnDelete(DeleteBehavior.Restrict);
        entity.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
        entity.Property(r => r.DocumentType).HasConversion<string>().HasMaxLength(40);
        entity.HasIndex(r => new { r.DocumentId, r.ExpiresOn }).IsUnique();
        entity.HasIndex(r => r.CustomerId);
        entity.HasIndex(r => r.InstanceId);
    }
}
