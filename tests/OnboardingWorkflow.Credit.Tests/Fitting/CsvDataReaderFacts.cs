using OnboardingWorkflow.Credit.Fitting;

namespace OnboardingWorkflow.Credit.Tests.Fitting;

public class CsvDataReaderFacts
{
    private static DataTable Read(string csv) => CsvDataReader.Read(new StringReader(csv));

    [Fact]
    public void Read_KeepsHeaderNamesWithSpacesAndPunctuation()
    {
        var table = Read("\"Debt / Equity, %\",Years in business (#),\"the \"\"label\"\"\"\n1.5,3,good\n");

        Assert.Equal(["Debt / Equity, %", "Years in business (#)", "the \"label\""], table.Columns.Select(c => c.Name));
    }

    [Fact]
    public void Read_TypesColumnsAsNumericOrCategorical()
    {
        var table = Read("ratio,sector,flag\n1.5,retail,1\n-2e-3,\"wholesale, food\",0\n,retail,1\n");

        Assert.Equal(ColumnKind.Numeric, table["ratio"].Kind);
        Assert.Equal([1.5, -0.002, null], table["ratio"].Numbers);
        Assert.Equal(ColumnKind.Categorical, table["sector"].Kind);
        Assert.Equal("wholesale, food", table["sector"].Texts[1]);
        Assert.Equal(ColumnKind.Numeric, table["flag"].Kind);
        Assert.Equal(3, table.RowCount);
    }

    [Fact]
    public void Read_TreatsNaAndQuestionMarks_AsMissing()
    {
        var table = Read("x\n1\nNA\n?\n2\n");

        Assert.Equal(ColumnKind.Numeric, table["x"].Kind);
        Assert.Equal([1.0, null, null, 2.0], table["x"].Numbers);
    }

    [Fact]
    public void Read_AcceptsCrLfLineEnds_AndQuotedLineBreaks()
    {
        var table = Read("a,b\r\n1,\"two\r\nlines\"\r\n3,x\r\n");

        Assert.Equal(2, table.RowCount);
        Assert.Equal("two\r\nlines", table["b"].Texts[0]);
    }

    [Fact]
    public void Read_NamesTheLine_WhenARowHasTheWrongFieldCount()
    {
        var ex = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2\n3\n"));

        Assert.Equal("line 3: 1 fields where the header has 2", ex.Message);
    }

    [Fact]
    public void Read_Refuses_DuplicateOrBlankHeaderNames_AndUnclosedQuotes()
    {
        Assert.Contains("more than once", Assert.Throws<DataFormatException>(() => Read("a,a\n1,2\n")).Message);
        Assert.Contains("has no name", Assert.Throws<DataFormatException>(() => Read("a,\n1,2\n")).Message);
        Assert.Contains("not closed", Assert.Throws<DataFormatException>(() => Read("a,b\n1,\"2\n")).Message);
        Assert.Contains("empty", Assert.Throws<DataFormatException>(() => Read("")).Message);
    }

    [Fact]
    public void Index_NamesTheAvailableColumns_WhenAColumnIsUnknown()
    {
        var ex = Assert.Throws<DataFormatException>(() => Read("a,b\n1,2\n")["c"]);

        Assert.Contains("columns are: a, b", ex.Message);
    }
}
