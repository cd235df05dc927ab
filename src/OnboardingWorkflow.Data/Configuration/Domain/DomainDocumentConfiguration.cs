using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainDocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> entity)
    {
        entity.ToTable("Documents");
        entity.HasKey(d => d.Id);
        entity.HasOne<OnboardingApplication>().WithMany().HasForeignKey(d => d.ApplicationId);
        entity.HasIndex(d => d.ApplicationId);
        entity.Property(d => d.Type).HasConversion<string>().HasMaxLength(40);
        entity.Property(d => d.Verification).HasConversion<string>().HasMaxLength(20);
        entity.Property(d => d.FileName).HasMaxLength(255);
        entity.Property(d => d.ContentType).HasMaxLength(100);
        entity.Property(d => d.ContentHash).HasMaxLength(64);
        entity.Property(d => d.StoragePath).HasMaxLength(500);
        entity.Property(d => d.UploadedBy).HasMaxLength(256);
        entity.Property(d => d.VerifiedBy).HasMaxLength(256);
        entity.Property(d => d.VerificationNote).HasMaxLength(2000);
    }
}
