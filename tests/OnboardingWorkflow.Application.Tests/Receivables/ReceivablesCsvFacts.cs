using OnboardingWorkflow.Application.Receivables;

namespace OnboardingWorkflow.Application.Tests.Receivables;

/// <summary>Reading an import file: RFC 4180 quoting, the header's columns, and files refused as a whole.</summary>
public sealed class ReceivablesCsvFacts
{
    [Fact]
    public void Quoted_values_keep_commas_quotes_and_line_breaks_and_empty_cells_are_absent()
    {
        var rows = ReceivablesCsv.Read("\uFEFFKIND,ExternalID,amount,status\r\nOrder,\"A,1\",\"12.5\",\r\n\r\nOrder,\"say \"\"hi\"\"\nthere\",3,Open\n");

        Assert.Equal(2, rows.Count);
        Assert.Equal(new ReceivableRowInput { Kind = "Order", ExternalId = "A,1", Amount = "12.5" }, rows[0]);
        Assert.Equal("say \"hi\"\nthere", rows[1].ExternalId);
        Assert.Equal("Open", rows[1].Status);
    }

    [Theory]
    [InlineData("kind,externalId,colour\nInvoice,1,red", "The column 'colour' is not known")]
    [InlineData("kind,externalId,Kind\nInvoice,1,x", "The column 'kind' appears twice")]
    [InlineData("externalId,amount\n1,2", "no 'kind' column")]
    [InlineData("kind,externalId,amount\nInvoice,1,2,3", "Row 1 has 4 values where the header has 3 columns")]
    [InlineData("kind,externalId\nInvoice,1\nInvoice,\"2", "Row 2 has a quote that is never closed")]
    [InlineData("\n\n", "The file is empty")]
    public void A_broken_file_is_refused_naming_what_to_fix(string csv, string message)
    {
        var refusal = Assert.Throws<AppException>(() => ReceivablesCsv.Read(csv));

        Assert.Equal(ErrorCodes.InvalidRequest, refusal.Code);
        Assert.Contains(message, refusal.Message);
    }
}
