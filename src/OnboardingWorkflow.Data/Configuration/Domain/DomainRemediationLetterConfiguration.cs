using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OnboardingWorkflow.Data.Domain;

namespace OnboardingWorkflow.Data.Configuration.Domain;

internal sealed class DomainRemediationLetterConfiguration : IEntityTypeConfiguration<RemediationLetter>
{
    public void Configure(EntityTypeBuilder<RemediationLetter> entity)
    {
        entity.ToTable("RemediationLetters");
        entity.HasKey(l => l.Id);
        entity.HasOne<Customer>().WithMany().HasForeignKey(l => l.CustomerId).OnDelete(DeleteBehavior.Restrict);

        // The same letter is never sent twice by a case for one instalment.
        entity.HasIndex(l => new { l.CaseInstanceId, l.Kind, l.InstalmentNumber }).IsUnique();
        entity.HasIndex(l => new { l.CustomerId, l.SentAt });
        entity.Property(l => l.Kind).HasConversion<string>().HasMaxLength(30);
        entity.Property(l => l.Recipient).HasMaxLength(256);
        entity.Property(l => l.Language).HasMaxLength(10);
        entity.Property(l => l.Subject).HasMaxLength(500);
        entity.Property(l => l.Body).HasMaxLength(20_000);
        entity.Property(l => l.Currency).HasMaxLength(3);
    }
}
